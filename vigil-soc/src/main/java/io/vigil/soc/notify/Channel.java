package io.vigil.soc.notify;

import java.util.Locale;

/** How a route delivers. */
public enum Channel {
    EMAIL, WEBHOOK;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Channel ofCode(String code) {
        for (Channel c : values()) {
            if (c.code().equals(code)) {
                return c;
            }
        }
        throw new IllegalArgumentException("channel must be email or webhook, not '" + code + "'");
    }
}
