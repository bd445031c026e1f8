package io.vigil.ingest.decode;

import io.vigil.core.pipeline.Decoder;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The decoders a pipeline knows, by codec name. Adding a decoder is adding it to this set at wiring time. */
public final class Decoders {

    private final Map<String, Decoder> byCodec;

    public Decoders(Collection<? extends Decoder> decoders) {
        this.byCodec = decoders.stream().collect(Collectors.toUnmodifiableMap(Decoder::codec, Function.identity()));
    }

    public static Decoders standard(DecoderLimits limits) {
        return new Decoders(java.util.List.of(new JsonDecoder(limits)));
    }

    public Optional<Decoder> forCodec(String codec) {
        return Optional.ofNullable(byCodec.get(codec));
    }

    public java.util.Set<String> codecs() {
        return byCodec.keySet();
    }
}
