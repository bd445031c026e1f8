package io.vigil.server.soc.incident;

import io.vigil.core.event.Event;
import io.vigil.core.pipeline.Output;
import io.vigil.soc.triage.Confidence;
import io.vigil.soc.triage.Signal;
import io.vigil.soc.triage.Triage;
import io.vigil.soc.triage.TriageResult;
import io.vigil.store.detection.DetectionEntry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline output that hands every detection the sigma stage left on an event ({@link DetectionEntry#COMMON_KEY})
 * to {@link Triage}. Entities come from the normalised common fields: {@code device.hostname} (host),
 * {@code actor.user.name} (user), {@code src_endpoint.ip} (ip). A journal replay is harmless: triage recognises an
 * event it already holds. A detection list that does not parse was already sent to the failure store by the detections
 * output before this one; here it is skipped.
 */
final class TriageOutput implements Output {

    private static final Logger log = LoggerFactory.getLogger(TriageOutput.class);

    private final Triage triage;

    TriageOutput(Triage triage) {
        this.triage = triage;
    }

    @Override
    public String name() {
        return "triage";
    }

    @Override
    public void write(List<Event> batch) {
        for (Event event : batch) {
            List<DetectionEntry> entries;
            try {
                entries = DetectionEntry.fromCommon(event.common());
            } catch (IllegalArgumentException e) {
                continue;
            }
            for (DetectionEntry entry : entries) {
                TriageResult result = triage.process(signal(event, entry));
                if (result instanceof TriageResult.Suppressed s) {
                    log.debug("Detection of {} on event {} of tenant {} suppressed by {} ({})", entry.ruleId(), event.id(),
                            event.tenant(), s.suppression().id(), s.suppression().reason());
                }
            }
        }
    }

    static Signal signal(Event event, DetectionEntry entry) {
        Map<String, String> entities = new HashMap<>();
        put(entities, "host", event.common().get("device.hostname"));
        put(entities, "user", event.common().get("actor.user.name"));
        put(entities, "ip", event.common().get("src_endpoint.ip"));
        return new Signal(event.tenant(), event.id().value().toString(), entry.ruleId(), entry.title(), entry.level(),
                entry.tags(), entities, event.time(), Confidence.ofRuleStatus(entry.status(), entry.correlation() != null));
    }

    private static void put(Map<String, String> entities, String key, Object value) {
        if (value != null && !(value instanceof Map) && !(value instanceof List)) {
            entities.put(key, String.valueOf(value));
        }
    }

    @Override
    public void flush() {
        // every triage step commits its own transaction
    }
}
