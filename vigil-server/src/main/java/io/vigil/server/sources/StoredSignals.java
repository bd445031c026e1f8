package io.vigil.server.sources;

import io.vigil.core.source.SourceSilence;
import io.vigil.core.source.SourceSilenceListener;
import io.vigil.store.source.SourceSignals;
import java.time.Instant;

/** Keeps every raised signal, and when it cleared, in {@code source_signal}. */
final class StoredSignals implements SourceSilenceListener {

    private final SourceSignals signals;

    StoredSignals(SourceSignals signals) {
        this.signals = signals;
    }

    @Override
    public void silenceRaised(SourceSilence signal) {
        signals.raise(signal.key().tenant(), signal);
    }

    @Override
    public void silenceCleared(SourceSilence signal, Instant clearedAt) {
        signals.clear(signal.key().tenant(), signal.key().input(), signal.key().name(), clearedAt);
    }

    @Override
    public String toString() {
        return "stored-signals";
    }
}
