package io.vigil.core.source;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What is known about one log source: when it was first and last seen, what it sent, how much of it failed to
 * decode, the format it was decoded with, what is expected of it and how it is doing.
 *
 * @param codec             the codec (detected format) of the last event seen
 * @param eventsPerSecond   rate over the last completed measuring window
 * @param baselinePerHour   learned baseline: exponentially weighted mean of hourly event counts; 0 until learned
 * @param baselineHours     how many hours the baseline has seen
 * @param expectedHeartbeat the longest silence allowed, or {@code null} to rely on the baseline
 * @param detectedFormat    the format detection ({@code auto}) last settled on for this source, tried first for its
 *                          next events; {@code null} until detected
 * @param pinnedCodec       the codec an operator pinned for this source, used instead of the declared codec and of
 *                          detection; {@code null} when not pinned
 */
public record SourceHealth(SourceKey key, String codec, Instant firstSeen, Instant lastSeen, long events, long bytes,
                           long decodeFailures, double eventsPerSecond, double baselinePerHour, int baselineHours,
                           Duration expectedHeartbeat, SourceState state, String detectedFormat, String pinnedCodec) {

    /** A source whose format was neither detected nor pinned. */
    public SourceHealth(SourceKey key, String codec, Instant firstSeen, Instant lastSeen, long events, long bytes,
                        long decodeFailures, double eventsPerSecond, double baselinePerHour, int baselineHours,
                        Duration expectedHeartbeat, SourceState state) {
        this(key, codec, firstSeen, lastSeen, events, bytes, decodeFailures, eventsPerSecond, baselinePerHour,
                baselineHours, expectedHeartbeat, state, null, null);
    }

    public SourceHealth {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(state, "state");
        if (events < 0 || bytes < 0 || decodeFailures < 0 || baselineHours < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        if (expectedHeartbeat != null && (expectedHeartbeat.isNegative() || expectedHeartbeat.isZero())) {
            throw new IllegalArgumentException("expected heartbeat must be positive");
        }
    }

    /** Share of received records that failed to decode, 0 to 1. */
    public double decodeFailureRate() {
        long total = events + decodeFailures;
        return total == 0 ? 0 : (double) decodeFailures / total;
    }
}
