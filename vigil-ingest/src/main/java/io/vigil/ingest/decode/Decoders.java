package io.vigil.ingest.decode;

import io.vigil.core.event.RawEvent;
import io.vigil.core.pipeline.Decoder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The codec registry: the decoders a pipeline knows, by codec name. A transport names the codec in
 * {@link io.vigil.core.event.SourceRef#codec()}: {@code syslog} by default for syslog inputs, {@code json} for
 * HTTP, {@code auto} to detect per event, or any other registered codec as a per-source override.
 */
public final class Decoders {

    private final Map<String, Decoder> byCodec;
    private final SourceFormats formats;

    public Decoders(Collection<? extends Decoder> decoders) {
        this(decoders.stream().collect(Collectors.toUnmodifiableMap(Decoder::codec, Function.identity())), SourceFormats.NONE);
    }

    private Decoders(Map<String, Decoder> byCodec, SourceFormats formats) {
        this.byCodec = byCodec;
        this.formats = formats;
    }

    /**
     * These decoders with per-source formats: {@link #codecFor} honours a source's pinned codec, and {@code auto}
     * tries the format it last detected for the source first and records what it detects.
     */
    public Decoders withSourceFormats(SourceFormats sourceFormats) {
        Objects.requireNonNull(sourceFormats, "sourceFormats");
        Map<String, Decoder> copy = new HashMap<>(byCodec);
        if (copy.get(AutoDecoder.CODEC) instanceof AutoDecoder auto) {
            copy.put(AutoDecoder.CODEC, auto.learningIn(sourceFormats));
        }
        return new Decoders(Map.copyOf(copy), sourceFormats);
    }

    /** The codec to decode this event with: the one pinned for its source if that is registered, else its own. */
    public String codecFor(RawEvent raw) {
        String pinned = formats.pinned(raw.tenant(), raw.source());
        return pinned != null && byCodec.containsKey(pinned) ? pinned : raw.source().codec();
    }

    /** Every codec, without vendor families or delimited formats (tests of the pipeline itself). */
    public static Decoders standard(DecoderLimits limits) {
        return standard(limits, DecoderDefinitions.NONE);
    }

    /**
     * Every shipped codec: {@code json}, {@code syslog}, {@code cef}, {@code leef}, {@code kv}, {@code auditd},
     * {@code auto}, and {@code csv.<name>} for each delimited format in {@code definitions}.
     */
    public static Decoders standard(DecoderLimits limits, DecoderDefinitions definitions) {
        JsonDecoder json = new JsonDecoder(limits);
        SyslogDecoder syslog = new SyslogDecoder(limits, definitions);
        CefDecoder cef = new CefDecoder(limits);
        LeefDecoder leef = new LeefDecoder(limits);
        List<Decoder> all = new ArrayList<>(List.of(json, syslog, cef, leef,
                new KeyValueDecoder(limits, definitions), new AuditdDecoder(limits)));
        Decoder zeek = null;
        for (CsvDefinition d : definitions.delimited()) {
            CsvDecoder csv = new CsvDecoder(limits, d);
            all.add(csv);
            if (d.name().equals("zeek")) {
                zeek = csv;
            }
        }
        all.add(new AutoDecoder(json, syslog, cef, leef, zeek));
        return new Decoders(all);
    }

    /**
     * Whether decoding with {@code codec} reads and writes what is known about the event's source, so that one
     * source's events must be decoded one after another in journal order to give the same results: {@code auto},
     * which tries the format it last detected for the source first. Every other decoder is stateless.
     */
    public boolean learnsPerSource(String codec) {
        return byCodec.get(codec) instanceof AutoDecoder auto && auto.learns();
    }

    public Optional<Decoder> forCodec(String codec) {
        return Optional.ofNullable(byCodec.get(codec));
    }

    public Set<String> codecs() {
        return byCodec.keySet();
    }
}
