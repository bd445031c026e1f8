package io.vigil.bench;

import io.vigil.core.event.Event;
import io.vigil.core.event.EventId;
import io.vigil.core.event.RawEvent;
import io.vigil.core.event.SourceRef;
import io.vigil.core.pipeline.DecodeResult;
import io.vigil.core.pipeline.Decoder;
import io.vigil.core.pipeline.StageResult;
import io.vigil.core.tenant.TenantId;
import io.vigil.ingest.decode.DecoderDefinitions;
import io.vigil.ingest.decode.DecoderLimits;
import io.vigil.ingest.decode.Decoders;
import io.vigil.ingest.normalize.CommonFieldsNormalizer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The work of {@link DecodeBenchmark} counted in events per CPU-second of the decoding thread rather than per
 * wall-clock second, so that figures taken on a shared, loaded machine stay comparable. Same samples, same
 * decoder content and mapping. Arguments: seconds of CPU per sample (default 5, after as much warm-up), then
 * optionally the samples to run, separated by commas (default all). Prints
 * two figures per sample: decoding and normalising (the benchmark's work), and decoding alone (the part of the
 * pipeline's work that runs on several threads).
 */
public final class DecodeCpu {

    private DecodeCpu() {
    }

    public static void main(String[] args) throws IOException {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        ClassLoader loader = DecodeCpu.class.getClassLoader();
        DecoderDefinitions definitions = DecoderDefinitions.fromClasspath(loader);
        CommonFieldsNormalizer normalizer;
        try (InputStream mapping = loader.getResourceAsStream("io/vigil/content/normalize/common-fields.json")) {
            normalizer = CommonFieldsNormalizer.fromMapping(mapping);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        TenantId tenant = TenantId.random();
        System.out.printf(Locale.ROOT, "%-14s %12s %12s%n", "events/CPU-s", "decode+norm.", "decode only");
        String[] samples = args.length > 1 ? args[1].split(",")
                : new String[] {"syslog-asa", "syslog-kv", "syslog-sshd", "kv-fortigate", "cef", "json-windows"};
        for (String sample : samples) {
            String[] chosen = DecodeBenchmark.sample(sample);
            Decoder decoder = Decoders.standard(DecoderLimits.DEFAULTS, definitions).forCodec(chosen[0]).orElseThrow();
            RawEvent raw = new RawEvent(tenant, new SourceRef("bench", "bench", chosen[0]),
                    Instant.parse("2026-11-01T12:00:00Z"), chosen[1].getBytes(StandardCharsets.UTF_8));
            long budget = (long) (seconds * 1e9);
            run(decoder, normalizer, raw, tenant, threads, budget); // warm-up
            long[] result = run(decoder, normalizer, raw, tenant, threads, budget);
            long[] decodeOnly = run(decoder, null, raw, tenant, threads, budget);
            System.out.printf(Locale.ROOT, "%-14s %,12.0f %,12.0f%n", sample, result[0] * 1e9 / result[1],
                    decodeOnly[0] * 1e9 / decodeOnly[1]);
        }
    }

    private static long[] run(Decoder decoder, CommonFieldsNormalizer normalizer, RawEvent raw, TenantId tenant,
                              ThreadMXBean threads, long budget) {
        long start = threads.getCurrentThreadCpuTime();
        long used = 0;
        long events = 0;
        int sink = 0;
        while (used < budget) {
            for (int i = 0; i < 200; i++) {
                DecodeResult.Decoded decoded = (DecodeResult.Decoded) decoder.decode(raw);
                if (normalizer == null) { // the pipeline's decode step alone, as BatchDecoder runs it
                    sink += decoded.events().getFirst().size();
                    continue;
                }
                Event event = new Event(EventId.of("bench", 0, 0), tenant, raw.source(), raw.receivedAt(),
                        raw.receivedAt(), decoded.events().getFirst(), Map.of(), raw.bytes());
                sink += ((StageResult.Continue) normalizer.process(event)).event().common().size();
            }
            events += 200;
            used = threads.getCurrentThreadCpuTime() - start;
        }
        if (sink == 42) {
            System.out.print("");
        }
        return new long[] {events, used};
    }
}
