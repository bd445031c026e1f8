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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decode and normalise one event on one thread, with the shipped decoder content and common-field mapping (what
 * the pipeline thread does per event before the outputs). {@code sample} picks a codec and a message of that
 * format; the score is events per second. {@code syslog-kv} is a line of the TLS syslog benchmark
 * ({@link SyslogTlsLoad}): RFC 5424 with key=value pairs that no vendor family claims.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class DecodeBenchmark {

    private static final Map<String, String[]> SAMPLES = Map.of(
            "syslog-asa", new String[] {"syslog", "<166>Oct 11 2026 22:14:15 asa01 : %ASA-6-302013: Built outbound TCP "
                    + "connection 123456 for outside:203.0.113.5/443 (203.0.113.5/443) to inside:10.1.1.20/51514 (198.51.100.2/51514)"},
            "syslog-kv", new String[] {"syslog", "<134>1 2026-11-22T10:00:00.000Z fw-hq.example.net filterlog 4242 - - "
                    + "action=pass src=10.1.7.49 dst=192.0.2.7 proto=tcp seq=7 dkpuzejotydinsxchmrwbglqvafkpuzejotydinsxchmrwbgl"
                    + "qvafkpuzejotydinsxchmrwbglqvafkpuzejotydinsx"},
            "syslog-sshd", new String[] {"syslog", "<38>Oct 11 22:14:15 web1 sshd[4242]: Failed password for invalid user "
                    + "oracle from 203.0.113.77 port 50122 ssh2"},
            "kv-fortigate", new String[] {"kv", "date=2026-10-11 time=22:14:15 devname=\"FGT-HQ\" devid=\"FG100F0000000001\" "
                    + "logid=\"0000000013\" type=\"traffic\" subtype=\"forward\" level=\"notice\" srcip=10.1.2.3 srcport=51000 "
                    + "dstip=198.51.100.80 dstport=443 proto=6 action=\"deny\" policyid=7 user=\"alice\""},
            "cef", new String[] {"syslog", "<134>Oct 11 22:14:15 fw01 CEF:0|Security|threatmanager|1.0|100|worm successfully "
                    + "stopped|10|src=10.0.0.1 dst=2.1.2.2 spt=1232 dpt=80 suser=jdoe act=blocked msg=Detected a threat"},
            "json-windows", new String[] {"json", "{\"Event\":{\"System\":{\"Provider\":{\"#attributes\":{\"Name\":"
                    + "\"Microsoft-Windows-Security-Auditing\"}},\"EventID\":4625,\"Channel\":\"Security\",\"Computer\":\"DC01\","
                    + "\"TimeCreated\":{\"#attributes\":{\"SystemTime\":\"2026-10-11T22:14:15.000Z\"}}},\"EventData\":"
                    + "{\"TargetUserName\":\"bob\",\"IpAddress\":\"10.1.1.1\",\"LogonType\":3}}}"});

    @Param({"syslog-asa", "syslog-kv", "syslog-sshd", "kv-fortigate", "cef", "json-windows"})
    public String sample;

    private Decoder decoder;
    private CommonFieldsNormalizer normalizer;
    private RawEvent raw;
    private final TenantId tenant = TenantId.random();

    /** A sample by name: codec and message. */
    static String[] sample(String name) {
        return SAMPLES.get(name);
    }

    @Setup(Level.Trial)
    public void load() throws IOException {
        ClassLoader loader = DecodeBenchmark.class.getClassLoader();
        String[] chosen = SAMPLES.get(sample);
        decoder = Decoders.standard(DecoderLimits.DEFAULTS, DecoderDefinitions.fromClasspath(loader))
                .forCodec(chosen[0]).orElseThrow();
        try (InputStream mapping = loader.getResourceAsStream("io/vigil/content/normalize/common-fields.json")) {
            normalizer = CommonFieldsNormalizer.fromMapping(mapping);
        }
        raw = new RawEvent(tenant, new SourceRef("bench", "bench", chosen[0]), Instant.parse("2026-11-01T12:00:00Z"),
                chosen[1].getBytes(StandardCharsets.UTF_8));
    }

    @Benchmark
    public Event decodeAndNormalise() {
        DecodeResult.Decoded decoded = (DecodeResult.Decoded) decoder.decode(raw);
        Event event = new Event(EventId.of("bench", 0, 0), tenant, raw.source(), raw.receivedAt(), raw.receivedAt(),
                decoded.events().getFirst(), Map.of(), raw.bytes());
        return ((StageResult.Continue) normalizer.process(event)).event();
    }
}
