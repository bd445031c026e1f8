package io.vigil.server.soc.sla;

import io.vigil.server.config.PeriodicJob;
import io.vigil.server.config.SlaSettings;
import io.vigil.soc.ClockAlarm;
import io.vigil.soc.sla.SlaScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Runs the {@link SlaScheduler} every {@code vigil.sla.interval} on its own thread. Each alarm is logged and handed
 * to every {@link ClockAlarm.Listener} bean (notifications, automatic escalation). A failing round is logged and the
 * next one tries again; the alarm log makes sure nothing is raised twice.
 */
final class SlaSchedulerRunner extends PeriodicJob {

    private static final Logger log = LoggerFactory.getLogger(SlaSchedulerRunner.class);

    private final SlaFeature feature;
    private final ObjectProvider<ClockAlarm.Listener> listeners;
    private final SlaSettings settings;
    private SlaScheduler scheduler;

    SlaSchedulerRunner(SlaFeature feature, ObjectProvider<ClockAlarm.Listener> listeners, SlaSettings settings) {
        super("vigil-sla-scheduler");
        this.feature = feature;
        this.listeners = listeners;
        this.settings = settings;
    }

    /** One round now; what the timer runs, and what tests call to avoid waiting. */
    synchronized SlaScheduler.Round runOnce() {
        if (scheduler == null) {
            List<ClockAlarm.Listener> all = new ArrayList<>();
            all.add(SlaSchedulerRunner::logAlarm);
            listeners.orderedStream().forEach(all::add);
            scheduler = feature.scheduler(all);
        }
        SlaScheduler.Round round = scheduler.runOnce();
        round.failures().forEach(failure -> log.warn("SLA scheduler: {}", failure));
        return round;
    }

    @Override
    protected void tick() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.warn("SLA scheduler round failed; retrying in {}: {}", settings.interval(), e.toString());
        }
    }

    private static void logAlarm(ClockAlarm alarm) {
        if (alarm.stage() == ClockAlarm.Stage.BREACH) {
            log.warn("Clock alarm {} {} tenant={} incident={}: {}", alarm.clock(), alarm.stage(), alarm.tenant(),
                    alarm.incidentId(), alarm.message());
        } else {
            log.info("Clock alarm {} {} tenant={} incident={}: {}", alarm.clock(), alarm.stage(), alarm.tenant(),
                    alarm.incidentId(), alarm.message());
        }
    }

    @Override
    protected Duration interval() {
        return settings.interval();
    }

    @Override
    protected boolean enabled() {
        return settings.schedulerEnabled();
    }
}
