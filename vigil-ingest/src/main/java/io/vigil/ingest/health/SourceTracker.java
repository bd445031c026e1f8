package io.vigil.ingest.health;

import io.vigil.core.source.SourceHealth;
import io.vigil.core.source.SourceKey;
import io.vigil.core.source.SourceSilence;
import io.vigil.core.source.SourceState;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The mutable counters of one source; every method runs under the tracker's own lock, except the two format
 * fields, which the pipeline reads for every event and which are therefore volatile.
 */
final class SourceTracker {

    /** Hours folded at most after a long gap (a week); older hours would have no weight left anyway. */
    private static final int MAX_HOURS_FOLDED = 24 * 7;

    private final SourceKey key;
    private String codec;
    private Instant firstSeen;
    private Instant lastSeen;
    private long events;
    private long bytes;
    private long decodeFailures;
    private Instant windowStart;
    private long windowEvents;
    private double eventsPerSecond;
    private Instant hourStart;
    private long hourCount;
    private long lastHourCount = -1;
    private double expectedLastHour;
    private double baseline;
    private int baselineHours;
    private Duration heartbeat;
    private Instant heartbeatSince;
    private SourceState state = SourceState.OK;
    private SourceSilence open;
    private final double weight;
    /** The format detection last settled on; written by the decode step, read for every event of the source. */
    volatile String detectedFormat;
    /** The codec an operator pinned. */
    volatile String pinnedCodec;

    SourceTracker(SourceKey key, double baselineWeight) {
        this.key = key;
        this.weight = baselineWeight;
    }

    synchronized void observe(String codec, int count, long byteCount, Instant at, Instant now) {
        roll(now);
        this.codec = codec;
        seen(at);
        events += count;
        bytes += byteCount;
        windowEvents += count;
        hourCount += count;
    }

    synchronized void observeFailure(String codec, long byteCount, Instant at, Instant now) {
        roll(now);
        if (this.codec == null) {
            this.codec = codec;
        }
        seen(at);
        decodeFailures++;
        bytes += byteCount;
        // A record that does not decode is still a sign of life: it counts towards the rate and the baseline.
        windowEvents++;
        hourCount++;
    }

    private void seen(Instant at) {
        if (firstSeen == null || at.isBefore(firstSeen)) {
            firstSeen = at;
        }
        if (lastSeen == null || at.isAfter(lastSeen)) {
            lastSeen = at;
        }
    }

    synchronized void expectHeartbeat(Duration heartbeat, Instant now) {
        this.heartbeat = heartbeat;
        this.heartbeatSince = now;
    }

    /** Closes finished hours into the baseline and the finished rate window. */
    private void roll(Instant now) {
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        if (hourStart == null) {
            hourStart = hour;
        }
        if (windowStart == null) {
            windowStart = now;
        }
        int folded = 0;
        while (hourStart.isBefore(hour)) {
            if (folded++ == MAX_HOURS_FOLDED) {
                hourStart = hour;
                break;
            }
            fold(hourCount);
            hourCount = 0;
            hourStart = hourStart.plus(1, ChronoUnit.HOURS);
        }
    }

    private void fold(long count) {
        lastHourCount = count;
        expectedLastHour = baseline;
        baseline = baselineHours == 0 ? count : weight * count + (1 - weight) * baseline;
        baselineHours++;
    }

    /**
     * Brings counters up to {@code now} and decides the state.
     *
     * @return a signal to raise, a signal to clear (as {@link Transition}), or {@code null}
     */
    synchronized Transition evaluate(Instant now, SourceHealthConfig config) {
        roll(now);
        Duration window = Duration.between(windowStart, now);
        if (window.compareTo(config.rateWindow()) >= 0) {
            eventsPerSecond = windowEvents / (window.toMillis() / 1000.0);
            windowEvents = 0;
            windowStart = now;
        }
        String detail = null;
        SourceState computed = SourceState.OK;
        boolean learned = baselineHours >= config.baselineMinHours();
        if (heartbeat != null) {
            Instant reference = lastSeen != null ? lastSeen : heartbeatSince;
            if (reference != null && Duration.between(reference, now).compareTo(heartbeat) > 0) {
                computed = SourceState.SILENT;
                detail = "nothing received for " + Duration.between(reference, now).toSeconds()
                        + " s; expected heartbeat " + heartbeat.toSeconds() + " s";
            }
        }
        if (computed == SourceState.OK && learned && lastSeen != null && baseline >= config.baselineMinPerHour()
                && Duration.between(lastSeen, now).compareTo(Duration.ofHours(1)) >= 0) {
            computed = SourceState.SILENT;
            detail = "nothing received for " + Duration.between(lastSeen, now).toMinutes()
                    + " min; baseline " + Math.round(baseline) + " events/hour";
        }
        if (computed == SourceState.OK && learned && lastHourCount >= 0 && expectedLastHour >= config.baselineMinPerHour()
                && lastHourCount < config.belowBaselineRatio() * expectedLastHour) {
            computed = SourceState.BELOW_BASELINE;
            detail = "last hour " + lastHourCount + " events; baseline " + Math.round(expectedLastHour)
                    + " events/hour (alarm below " + Math.round(config.belowBaselineRatio() * 100) + "%)";
        }
        state = computed;
        if (computed != SourceState.OK && open == null) {
            open = new SourceSilence(key, computed, now, lastSeen, detail);
            return new Transition(open, null);
        }
        if (computed == SourceState.OK && open != null && lastSeen != null && lastSeen.isAfter(open.raisedAt())) {
            SourceSilence cleared = open;
            open = null;
            return new Transition(cleared, now);
        }
        return null;
    }

    /** A signal raised ({@code clearedAt == null}) or cleared. */
    record Transition(SourceSilence signal, Instant clearedAt) {
    }

    synchronized boolean silent() {
        return open != null;
    }

    synchronized SourceHealth snapshot() {
        SourceState shown = open != null && state == SourceState.OK ? open.state() : state;
        return new SourceHealth(key, codec, firstSeen, lastSeen, events, bytes, decodeFailures, eventsPerSecond,
                baseline, baselineHours, heartbeat, shown, detectedFormat, pinnedCodec);
    }

    synchronized void restore(SourceHealth saved, Instant now) {
        codec = saved.codec();
        firstSeen = saved.firstSeen();
        lastSeen = saved.lastSeen();
        events = saved.events();
        bytes = saved.bytes();
        decodeFailures = saved.decodeFailures();
        eventsPerSecond = saved.eventsPerSecond();
        baseline = saved.baselinePerHour();
        baselineHours = saved.baselineHours();
        heartbeat = saved.expectedHeartbeat();
        heartbeatSince = now;
        detectedFormat = saved.detectedFormat();
        pinnedCodec = saved.pinnedCodec();
        state = saved.state();
        if (state != SourceState.OK) {
            // The signal was raised before the restart; keep it open without raising it again.
            open = new SourceSilence(key, state, now, lastSeen,
                    "open at restart");
        }
    }
}
