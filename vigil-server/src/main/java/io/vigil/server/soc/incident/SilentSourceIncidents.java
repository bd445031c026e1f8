package io.vigil.server.soc.incident;

import io.vigil.core.source.SourceSilence;
import io.vigil.core.source.SourceSilenceListener;
import io.vigil.soc.triage.SilentSource;
import io.vigil.soc.triage.Triage;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coverage is part of the service: a "log source silent" signal from collection opens (or repeats on) one incident
 * per source through triage. The source is named {@code input:name} (e.g. {@code syslog-tls:fw-hq}); the expected
 * interval is the silence that raised the signal.
 */
final class SilentSourceIncidents implements SourceSilenceListener {

    private static final Logger LOG = LoggerFactory.getLogger(SilentSourceIncidents.class);
    private static final Duration SHORTEST = Duration.ofMinutes(1);

    private final Triage triage;

    SilentSourceIncidents(Triage triage) {
        this.triage = triage;
    }

    @Override
    public void silenceRaised(SourceSilence signal) {
        Instant lastSeen = signal.lastSeen() == null ? signal.raisedAt() : signal.lastSeen();
        Duration silence = Duration.between(lastSeen, signal.raisedAt());
        String source = signal.key().input() + ":" + signal.key().name();
        try {
            triage.sourceSilent(new SilentSource(signal.key().tenant(), source.length() > 255 ? source.substring(0, 255) : source,
                    lastSeen, silence.compareTo(SHORTEST) < 0 ? SHORTEST : silence));
        } catch (RuntimeException e) {
            LOG.error("Could not open the incident for silent source {} of tenant {}", source, signal.key().tenant(), e);
        }
    }
}
