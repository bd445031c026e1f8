package io.vigil.soc.platform;

import io.vigil.soc.notify.FlatJson;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What operators are told about an alert: that it was raised, or that it is resolved.
 *
 * @param installation which Vigil installation speaks (operators may run several)
 * @param alert        the alert as it was when the message was made
 * @param at           when the message was made
 */
public record OperatorMessage(String installation, Event event, PlatformAlert alert, Instant at) {

    /** The two ends of an episode. */
    public enum Event {
        RAISED, RESOLVED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public OperatorMessage {
        Objects.requireNonNull(installation, "installation");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(at, "at");
    }

    public String subject() {
        String what = switch (event) {
            case RAISED -> "ALERT";
            case RESOLVED -> "RESOLVED";
        };
        String subject = "[Vigil " + installation + "] " + what + ": " + alert.kind().title() + " (" + alert.key() + ")";
        return subject.length() > 250 ? subject.substring(0, 250) : subject;
    }

    public String text() {
        StringBuilder out = new StringBuilder();
        switch (event) {
            case RAISED -> out.append(alert.kind().title()).append(" on ").append(installation).append(".\n\n")
                    .append(alert.summary()).append("\n\n");
            case RESOLVED -> out.append("Resolved: ").append(alert.kind().title()).append(" on ").append(installation)
                    .append(".\nThe condition has been clear since ").append(alert.clearedAt()).append(" (the episode lasted ")
                    .append(Duration.between(alert.raisedAt(), alert.clearedAt()).toSeconds()).append(" s). Last cause: ")
                    .append(alert.summary()).append("\n\n");
        }
        out.append("Alert: ").append(alert.id()).append("\nKind: ").append(alert.kind().code()).append("\nSubject: ")
                .append(alert.key()).append("\nRaised: ").append(alert.raisedAt()).append('\n');
        if (event == Event.RESOLVED) {
            out.append("Resolved: ").append(alert.resolvedAt()).append("\nRecurrences while clearing: ")
                    .append(alert.recurrences()).append('\n');
        }
        alert.details().forEach((k, v) -> out.append(k).append(": ").append(v).append('\n'));
        return out.toString();
    }

    /** The webhook body: a flat JSON object; details are prefixed with {@code detail.}. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", "platform-alert." + event.code());
        m.put("installation", installation);
        m.put("alert", alert.id().toString());
        m.put("kind", alert.kind().code());
        m.put("key", alert.key());
        m.put("summary", alert.summary());
        m.put("raised_at", alert.raisedAt().toString());
        if (alert.resolvedAt() != null) {
            m.put("resolved_at", alert.resolvedAt().toString());
            m.put("recurrences", alert.recurrences());
        }
        alert.details().forEach((k, v) -> m.put("detail." + k, v));
        m.put("subject", subject());
        m.put("text", text());
        m.put("at", at.toString());
        return FlatJson.of(m);
    }
}
