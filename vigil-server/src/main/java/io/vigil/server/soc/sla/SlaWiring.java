package io.vigil.server.soc.sla;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.soc.ClockAlarm;
import io.vigil.soc.sla.SlaSubjects;
import io.vigil.server.config.SlaSettings;
import io.vigil.server.config.Settings;
import io.vigil.store.Database;
import io.vigil.store.soc.contract.JdbcContracts;
import io.vigil.store.soc.regulatory.JdbcRegulatoryClocks;
import io.vigil.store.soc.sla.JdbcAlarmLog;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Contracts, SLA clocks and regulatory clocks: the tables of migration {@code V17__sla.sql} and their repositories,
 * {@link SlaFeature} (what the endpoints and the incidents feature call), the endpoints in {@link ContractController},
 * {@link SlaController} and {@link RegulatoryController}, and the scheduler {@link SlaSchedulerRunner}, which calls
 * every {@link ClockAlarm.Listener} bean. Incidents come from the {@link SlaSubjects} bean of the incidents feature;
 * without one there are none. Settings: {@code vigil.sla.*} ({@link SlaSettings}).
 */
@Configuration(proxyBeanMethods = false)
class SlaWiring {

    @Bean
    SlaSettings slaSettings(Environment environment) {
        return Settings.bind(environment, "vigil.sla", SlaSettings.class);
    }

    @Bean
    JdbcContracts contracts(Database database, ObjectMapper json, Clock clock) {
        return new JdbcContracts(database.dataSource(), json, clock);
    }

    @Bean
    JdbcAlarmLog alarmLog(Database database) {
        return new JdbcAlarmLog(database.dataSource(), database.dialect());
    }

    @Bean
    JdbcRegulatoryClocks regulatoryClocks(Database database, ObjectMapper json, Clock clock) {
        return new JdbcRegulatoryClocks(database.dataSource(), json, clock);
    }

    @Bean
    SlaFeature slaFeature(ObjectProvider<SlaSubjects> subjects, JdbcContracts contracts, JdbcRegulatoryClocks regulatory,
                          JdbcAlarmLog alarms, SlaSettings settings, Clock clock) {
        return new SlaFeature(subjects, contracts, regulatory, alarms, settings, clock);
    }

    @Bean
    SlaSchedulerRunner slaScheduler(SlaFeature feature, ObjectProvider<ClockAlarm.Listener> listeners, SlaSettings settings) {
        return new SlaSchedulerRunner(feature, listeners, settings);
    }
}
