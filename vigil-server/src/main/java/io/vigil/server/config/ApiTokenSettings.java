package io.vigil.server.config;

import java.time.Duration;

/**
 * @param defaultLifetime how long a new API token verifies when its request names no expiry
 * @param maxLifetime     the longest expiry a new API token may have; no token issued through the API lives longer
 */
public record ApiTokenSettings(Duration defaultLifetime, Duration maxLifetime) {

    public ApiTokenSettings {
        defaultLifetime = defaultLifetime == null ? Duration.ofDays(90) : defaultLifetime;
        maxLifetime = maxLifetime == null ? Duration.ofDays(365) : maxLifetime;
        if (defaultLifetime.isNegative() || defaultLifetime.isZero() || defaultLifetime.compareTo(maxLifetime) > 0) {
            throw new IllegalArgumentException("default-lifetime must be positive and at most max-lifetime (" + maxLifetime + ")");
        }
    }
}
