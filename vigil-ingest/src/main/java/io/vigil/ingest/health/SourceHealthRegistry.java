package io.vigil.ingest.health;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.core.event.SourceRef;
import io.vigil.core.source.SourceHealth;
import io.vigil.core.source.SourceKey;
import io.vigil.core.source.SourceSilenceListener;
import io.vigil.core.tenant.TenantId;
import io.vigil.ingest.decode.SourceFormats;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every (tenant, input, source) seen, with its counters, baseline and state. Fed from the pipeline after decoding,
 * evaluated by {@link #evaluate()} on a schedule, which raises and clears "log source silent" signals to the
 * {@link SourceSilenceListener}s. Thread-safe; the number of tracked sources is bounded by
 * {@link SourceHealthConfig#maxSources()} so that a sender inventing source names cannot exhaust memory.
 *
 * <p>It also keeps each source's format ({@link SourceFormats}): the format {@code auto} detection last settled on,
 * tried first for the source's next events, and the codec an operator pinned, used instead of the declared one.
 *
 * <p>Counting is at least once: a journal replay after a crash counts the replayed events again.
 */
public final class SourceHealthRegistry implements SourceFormats {

    private static final Logger LOG = LoggerFactory.getLogger(SourceHealthRegistry.class);

    private final SourceHealthConfig config;
    private final Clock clock;
    private final ConcurrentHashMap<SourceKey, SourceTracker> sources = new ConcurrentHashMap<>();
    private final List<SourceSilenceListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<TenantId> gauged = ConcurrentHashMap.newKeySet();
    private final MeterRegistry meters;
    private final Counter untracked;

    public SourceHealthRegistry(SourceHealthConfig config, Clock clock, MeterRegistry meters) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.meters = Objects.requireNonNull(meters, "meters");
        this.untracked = Counter.builder("vigil.sources.untracked")
                .description("Events of new sources not tracked because vigil.sources.max-sources was reached")
                .register(meters);
        Gauge.builder("vigil.sources.tracked", sources, ConcurrentHashMap::size)
                .description("Log sources tracked").register(meters);
    }

    public void addListener(SourceSilenceListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Counts {@code count} decoded events of one source received at {@code receivedAt}. */
    public void observe(TenantId tenant, SourceRef source, int count, long bytes, java.time.Instant receivedAt) {
        tracker(SourceKey.of(tenant, source)).ifPresent(t -> t.observe(source.codec(), count, bytes, receivedAt, clock.instant()));
    }

    /** Counts one record of the source that failed to decode. */
    public void observeFailure(TenantId tenant, SourceRef source, long bytes, java.time.Instant receivedAt) {
        tracker(SourceKey.of(tenant, source)).ifPresent(t -> t.observeFailure(source.codec(), bytes, receivedAt, clock.instant()));
    }

    /** Sets (or with {@code null} removes) the longest silence allowed for a source, tracking it if it is new. */
    public void expectHeartbeat(SourceKey key, Duration heartbeat) {
        tracker(key).ifPresent(t -> t.expectHeartbeat(heartbeat, clock.instant()));
    }

    /** Pins (or with {@code null} unpins) the codec of a source, tracking it if it is new. */
    public void pinCodec(SourceKey key, String codec) {
        tracker(key).ifPresent(t -> t.pinnedCodec = codec);
    }

    @Override
    public String pinned(TenantId tenant, SourceRef source) {
        SourceTracker tracker = sources.get(SourceKey.of(tenant, source));
        return tracker == null ? null : tracker.pinnedCodec;
    }

    @Override
    public String detected(TenantId tenant, SourceRef source) {
        SourceTracker tracker = sources.get(SourceKey.of(tenant, source));
        return tracker == null ? null : tracker.detectedFormat;
    }

    @Override
    public void detect(TenantId tenant, SourceRef source, String format) {
        tracker(SourceKey.of(tenant, source)).ifPresent(t -> t.detectedFormat = format);
    }

    private Optional<SourceTracker> tracker(SourceKey key) {
        SourceTracker tracker = sources.get(key);
        if (tracker != null) {
            return Optional.of(tracker);
        }
        if (sources.size() >= config.maxSources()) {
            untracked.increment();
            return Optional.empty();
        }
        gauge(key.tenant());
        return Optional.of(sources.computeIfAbsent(key, k -> new SourceTracker(k, config.baselineWeight())));
    }

    private void gauge(TenantId tenant) {
        if (gauged.add(tenant)) {
            Gauge.builder("vigil.sources.silent", this, registry -> registry.silentCount(tenant))
                    .description("Log sources of the tenant with an open 'log source silent' signal")
                    .tag("tenant", tenant.toString()).register(meters);
        }
    }

    /** Checks every source against its heartbeat and baseline now; raises and clears signals. */
    public void evaluate() {
        java.time.Instant now = clock.instant();
        List<SourceTracker.Transition> transitions = new ArrayList<>();
        for (SourceTracker tracker : sources.values()) {
            SourceTracker.Transition transition = tracker.evaluate(now, config);
            if (transition != null) {
                transitions.add(transition);
            }
        }
        for (SourceTracker.Transition transition : transitions) {
            for (SourceSilenceListener listener : listeners) {
                try {
                    if (transition.clearedAt() == null) {
                        listener.silenceRaised(transition.signal());
                    } else {
                        listener.silenceCleared(transition.signal(), transition.clearedAt());
                    }
                } catch (RuntimeException e) {
                    LOG.warn("Source silence listener {} failed on {}: {}", listener, transition.signal().key(), e.toString());
                }
            }
        }
    }

    /** Every tracked source, by tenant, input and name. */
    public List<SourceHealth> snapshot() {
        return sources.values().stream().map(SourceTracker::snapshot).sorted(ORDER).toList();
    }

    /** The sources of one tenant, by input and name. */
    public List<SourceHealth> snapshot(TenantId tenant) {
        return sources.entrySet().stream().filter(e -> e.getKey().tenant().equals(tenant))
                .map(e -> e.getValue().snapshot()).sorted(ORDER).toList();
    }

    public Optional<SourceHealth> find(SourceKey key) {
        return Optional.ofNullable(sources.get(key)).map(SourceTracker::snapshot);
    }

    /** Loads what was persisted before a restart; an open signal stays open without being raised again. */
    public void restore(List<SourceHealth> saved) {
        java.time.Instant now = clock.instant();
        for (SourceHealth health : saved) {
            tracker(health.key()).ifPresent(t -> t.restore(health, now));
        }
    }

    /** Stops tracking a source (its tenant removed it). */
    public void forget(SourceKey key) {
        sources.remove(key);
    }

    long silentCount(TenantId tenant) {
        return sources.entrySet().stream().filter(e -> e.getKey().tenant().equals(tenant) && e.getValue().silent()).count();
    }

    private static final Comparator<SourceHealth> ORDER = Comparator
            .comparing((SourceHealth h) -> h.key().tenant().value())
            .thenComparing(h -> h.key().input()).thenComparing(h -> h.key().name());
}
