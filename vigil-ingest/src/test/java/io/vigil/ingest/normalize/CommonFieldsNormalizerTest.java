package io.vigil.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.core.event.Event;
import io.vigil.core.event.EventId;
import io.vigil.core.event.SourceRef;
import io.vigil.core.pipeline.StageResult;
import io.vigil.core.tenant.TenantId;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommonFieldsNormalizerTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-01T12:00:00Z");

    private final CommonFieldsNormalizer normalizer = shipped();

    static CommonFieldsNormalizer shipped() {
        InputStream mapping = CommonFieldsNormalizerTest.class.getClassLoader()
                .getResourceAsStream("io/vigil/content/normalize/common-fields.json");
        return CommonFieldsNormalizer.fromMapping(mapping);
    }

    private static Event event(Map<String, Object> fields) {
        return new Event(EventId.of("j", 1, 0), TenantId.random(), new SourceRef("http", "t", "json"), RECEIVED, RECEIVED,
                fields, Map.of(), new byte[0]);
    }

    private Event normalize(Map<String, Object> fields) {
        return ((StageResult.Continue) normalizer.process(event(fields))).event();
    }

    @Test
    void mapsWindowsXmlAsJsonShape() {
        Event out = normalize(Map.of("Event", Map.of(
                "System", Map.of("EventID", 4624, "Computer", "DC01.corp.local",
                        "TimeCreated", Map.of("#attributes", Map.of("SystemTime", "2026-10-31T08:15:00.123456Z")),
                        "Provider", Map.of("#attributes", Map.of("Name", "Microsoft-Windows-Security-Auditing"))),
                "EventData", Map.of("TargetUserName", "alice", "IpAddress", "10.1.2.3"))));
        assertThat(out.time()).isEqualTo(Instant.parse("2026-10-31T08:15:00.123456Z"));
        assertThat(out.common())
                .containsEntry("device.hostname", "DC01.corp.local")
                .containsEntry("metadata.event_code", "4624")
                .containsEntry("actor.user.name", "alice")
                .containsEntry("src_endpoint.ip", "10.1.2.3")
                .containsEntry("metadata.product.name", "Microsoft-Windows-Security-Auditing")
                .containsEntry("metadata.time_source", "event");
    }

    /** Collectors that change the case of keys: the same common fields, at every level of nesting. */
    @Test
    void keysMatchIgnoringCaseAtEveryLevelWhenNoExactKeyDoes() {
        Map<String, Object> cased = Map.of("Event", Map.of(
                "System", Map.of("EventID", 4624, "Computer", "DC01.corp.local",
                        "Provider", Map.of("#attributes", Map.of("Name", "Microsoft-Windows-Security-Auditing"))),
                "EventData", Map.of("TargetUserName", "alice", "IpAddress", "10.1.2.3")));
        Map<String, Object> lower = Map.of("event", Map.of(
                "system", Map.of("eventid", 4624, "computer", "DC01.corp.local",
                        "provider", Map.of("#attributes", Map.of("name", "Microsoft-Windows-Security-Auditing"))),
                "eventdata", Map.of("targetusername", "alice", "IPADDRESS", "10.1.2.3")));
        assertThat(normalize(lower).common()).containsAllEntriesOf(normalize(cased).common().entrySet().stream()
                .filter(e -> !e.getKey().equals("metadata.tenant_uid"))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        // A key outside ASCII may equal an ASCII path ignoring case (the Kelvin sign folds to k).
        assertThat(normalize(Map.of("\u212Aeywords", "x", "src_ip", "10.0.0.1")).common())
                .containsEntry("src_endpoint.ip", "10.0.0.1");
        assertThat(normalize(Map.of("SRC_IP", "10.0.0.2")).common()).containsEntry("src_endpoint.ip", "10.0.0.2");
    }

    @Test
    void resolvesLiteralDottedKeysAndEpochSeconds() {
        Event out = normalize(Map.of("ts", 1587996000.123, "id.orig_h", "192.168.0.5", "id.resp_h", "fe80::1"));
        assertThat(out.time()).isEqualTo(Instant.parse("2020-04-27T14:00:00.123Z"));
        assertThat(out.common()).containsEntry("src_endpoint.ip", "192.168.0.5").containsEntry("dst_endpoint.ip", "fe80:0:0:0:0:0:0:1");
    }

    @Test
    void keepsReceivedTimeWhenSourceTimeIsAbsentOrImplausible() {
        assertThat(normalize(Map.of("message", "hello")).time()).isEqualTo(RECEIVED);
        Event future = normalize(Map.of("@timestamp", "2099-01-01T00:00:00Z"));
        assertThat(future.time()).isEqualTo(RECEIVED);
        assertThat(future.common()).containsEntry("metadata.time_source", "received");
    }

    @Test
    void ignoresValuesThatDoNotConvert() {
        Event out = normalize(Map.of("src_ip", "evil.example.com", "host", Map.of("x", 1)));
        assertThat(out.common()).doesNotContainKey("src_endpoint.ip");
        assertThat(out.common()).doesNotContainKey("device.hostname");
        assertThat(out.fields()).containsKey("src_ip");
    }

    @Test
    void takesOnlyIpLiteralsNeverNamesOrNumbers() {
        assertThat(FieldType.IP.convert("10.1.2.3")).isEqualTo("10.1.2.3");
        assertThat(FieldType.IP.convert("2001:db8::1")).isEqualTo("2001:db8:0:0:0:0:0:1");
        for (String notAnIp : new String[] {"cafe", "deadbeef", "cafe.babe", "1234", "1.2.3", "256.1.1.1", "10.0.0.1.5"}) {
            assertThat(FieldType.IP.convert(notAnIp)).as(notAnIp).isNull();
        }
    }

    @Test
    void rejectsMappingWithAllProblemsListed() {
        String bad = "{\"fields\":[{\"target\":\"\",\"from\":[\"a\"]},{\"target\":\"x\",\"type\":\"color\",\"from\":[\"b\"]}]}";
        assertThatThrownBy(() -> CommonFieldsNormalizer.fromMapping(new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("fields[0]: target missing")
                .hasMessageContaining("fields[1] (x): unknown type 'color'");
    }

    @Test
    void parsesTimestampShapesSourcesSend() {
        assertThat(Timestamps.parse("2026-10-31T08:15:00+02:00")).isEqualTo(Instant.parse("2026-10-31T06:15:00Z"));
        assertThat(Timestamps.parse("2026-10-31 08:15:00.5")).isEqualTo(Instant.parse("2026-10-31T08:15:00.500Z"));
        assertThat(Timestamps.parse(1761898500000L)).isEqualTo(Instant.parse("2025-10-31T08:15:00Z"));
        assertThat(Timestamps.parse("2017-04-17T18:39:46.371558+0000")).isEqualTo(Instant.parse("2017-04-17T18:39:46.371558Z"));
        assertThat(Timestamps.parse("2026-10-31T08:15:00Z")).isEqualTo(Instant.parse("2026-10-31T08:15:00Z"));
        assertThat(Timestamps.parse("not a time")).isNull();
        assertThat(Timestamps.parse(List.of())).isNull();
    }

    @Test
    void readsUtcIsoTimesLikeTheGeneralParser() {
        for (String utc : List.of("2026-10-31T08:15:00Z", "2024-02-29T23:59:59.5Z", "2026-01-01T00:00:00.123456789Z",
                "1999-12-31T12:00:00.000Z")) {
            assertThat(Timestamps.parse(utc)).as(utc).isEqualTo(Instant.parse(utc));
        }
        assertThat(Timestamps.parse("2026-10-31T24:15:00Z")).isNull();
        assertThat(Timestamps.parse("2026-10-31T08:15:00.1234567890Z")).isNull();
        assertThat(Timestamps.parse("2026-1a-31T08:15:00Z")).isNull();
    }
}
