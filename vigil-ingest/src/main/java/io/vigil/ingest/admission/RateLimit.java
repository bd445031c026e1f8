package io.vigil.ingest.admission;

/**
 * A tenant's admission rate: a token bucket refilled at {@code eventsPerSecond} that holds at most {@code burst}
 * events.
 */
public record RateLimit(double eventsPerSecond, long burst) {

    /** Upper bounds that keep the arithmetic exact and a typo from meaning "unlimited by accident". */
    public static final double MAX_RATE = 10_000_000;
    public static final long MAX_BURST = 100_000_000;

    public RateLimit {
        if (!(eventsPerSecond > 0 && eventsPerSecond <= MAX_RATE)) {
            throw new IllegalArgumentException("eventsPerSecond must be in (0, " + (long) MAX_RATE + "], was " + eventsPerSecond);
        }
        if (burst < 1 || burst > MAX_BURST) {
            throw new IllegalArgumentException("burst must be 1-" + MAX_BURST + ", was " + burst);
        }
    }
}
