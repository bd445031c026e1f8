package io.vigil.server.auth;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A token bucket per source address for login attempts: up to {@code perMinute} at once, refilled evenly over a
 * minute. Memory is bounded: beyond {@code maxAddresses} the least recently seen address is forgotten (an attacker
 * rotating through many addresses is what account lockout is for).
 */
final class LoginRateLimiter {

    private final double capacity;
    private final double perNano;
    private final Clock clock;
    private final Map<String, Bucket> buckets;

    private static final class Bucket {
        double tokens;
        long refilledAt;

        Bucket(double tokens, long refilledAt) {
            this.tokens = tokens;
            this.refilledAt = refilledAt;
        }
    }

    LoginRateLimiter(int perMinute, int maxAddresses, Clock clock) {
        this.capacity = perMinute;
        this.perNano = perMinute / 60e9;
        this.clock = clock;
        this.buckets = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxAddresses;
            }
        };
    }

    /** Takes one attempt; empty if allowed, otherwise the seconds until the next attempt is. */
    synchronized OptionalLong acquire(String address) {
        long now = nanos();
        Bucket bucket = buckets.computeIfAbsent(address, a -> new Bucket(capacity, now));
        bucket.tokens = Math.min(capacity, bucket.tokens + Math.max(0, now - bucket.refilledAt) * perNano);
        bucket.refilledAt = now;
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perNano / 1e9)));
    }

    private long nanos() {
        var instant = clock.instant();
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
