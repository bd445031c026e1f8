package io.vigil.soc.notify;

import java.util.Locale;

/** What happened to an incident that routes can listen for. */
public enum NotificationKind {
    OPENED, ESCALATED, SLA_WARNING, SLA_BREACH;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @throws IllegalArgumentException naming the value and the valid codes */
    public static NotificationKind ofCode(String code) {
        for (NotificationKind k : values()) {
            if (k.code().equals(code)) {
                return k;
            }
        }
        throw new IllegalArgumentException("event must be one of opened, escalated, sla-warning, sla-breach, not '" + code + "'");
    }
}
