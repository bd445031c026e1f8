package io.vigil.server.platform;

import io.vigil.server.config.PeriodicJob;
import io.vigil.soc.platform.PlatformAlerts;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every {@code vigil.alerts.check-interval}: checks the platform conditions and tells the operators what changed. */
final class PlatformAlertJob extends PeriodicJob {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformAlertJob.class);

    private final PlatformAlerts alerts;
    private final Duration interval;

    PlatformAlertJob(PlatformAlerts alerts, Duration interval) {
        super("vigil-platform-alerts");
        this.alerts = alerts;
        this.interval = interval;
    }

    @Override
    protected void tick() {
        try {
            alerts.runOnce();
        } catch (RuntimeException e) {
            LOG.error("platform alert round failed; trying again in {}", interval, e);
        }
    }

    @Override
    protected Duration interval() {
        return interval;
    }
}
