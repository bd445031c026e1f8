package io.vigil.server.detect;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.server.config.CorrelationSettings;
import io.vigil.server.config.DetectionSettings;
import io.vigil.server.config.Settings;
import io.vigil.sigma.Problem;
import io.vigil.sigma.RuleLoad;
import io.vigil.sigma.logsource.LogsourceRouter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.store.rules.CustomRules;
import io.vigil.store.rules.PlaceholderValues;
import io.vigil.store.rules.RuleExceptions;
import io.vigil.sigma.correlation.CorrelationLimits;
import io.vigil.store.rules.RuleToggles;
import java.time.Clock;
import io.vigil.store.Database;
import io.vigil.store.detection.Detections;
import io.vigil.core.pipeline.Output;
import io.vigil.server.soc.incident.TriageFeature;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The detection feature: the shipped SigmaHQ rules, the {@code sigma} stage (phase detect) that runs them, the
 * {@link Detections} output that stores what they match (migration {@code V6__detections.sql}) and, in
 * {@link DetectionController}, the REST view. The ingest wiring takes the stage and output from
 * {@link DetectFeature}; with {@code vigil.detection.enabled=false} both lists are empty and no rule is loaded.
 * On top of the shipped rules, {@link TenantRuleSets} layers MSSP-wide and per-tenant rules, switches and
 * exceptions (migration {@code V7__rule_sets.sql}), managed through {@link RuleSetController}.
 */
@Configuration(proxyBeanMethods = false)
class DetectWiring {

    private static final Logger log = LoggerFactory.getLogger(DetectWiring.class);

    @Bean
    Detections detections(Database database, ObjectMapper json, Environment environment) {
        DetectionSettings settings = Settings.bind(environment, "vigil.detection", DetectionSettings.class);
        return new Detections(database.dataSource(), database.dialect(), json, settings.capacityPerTenant());
    }

    @Bean
    CustomRules customRules(Database database, Clock clock) {
        return new CustomRules(database.dataSource(), clock);
    }

    @Bean
    RuleToggles ruleToggles(Database database, Clock clock) {
        return new RuleToggles(database.dataSource(), clock);
    }

    @Bean
    PlaceholderValues placeholderValues(Database database, Clock clock) {
        return new PlaceholderValues(database.dataSource(), clock);
    }

    @Bean
    RuleExceptions ruleExceptions(Database database, Clock clock) {
        return new RuleExceptions(database.dataSource(), clock);
    }

    /** Each tenant's effective rules; without detection, over no shipped rules (the REST API still works). */
    @Bean
    TenantRuleSets tenantRuleSets(Environment environment, CustomRules customRules, RuleToggles toggles,
                                  RuleExceptions exceptions, PlaceholderValues placeholders, Clock clock) {
        DetectionSettings settings = Settings.bind(environment, "vigil.detection", DetectionSettings.class);
        CorrelationLimits limits = Settings.bind(environment, "vigil.detection.correlation",
                CorrelationSettings.class).limits();
        ClassLoader loader = DetectWiring.class.getClassLoader();
        LogsourceRouter router = ShippedRules.router(loader);
        if (!settings.enabled()) {
            return new TenantRuleSets(router, ShippedRules.Loaded.of(List.of()), customRules, toggles, exceptions,
                    placeholders, limits, clock);
        }
        long started = System.nanoTime();
        ShippedRules.Loaded loaded = ShippedRules.load(loader);
        for (RuleLoad.Rejected rejected : loaded.rejected()) {
            log.warn("Sigma rule {} rejected: {}", rejected.origin(),
                    rejected.problems().stream().map(Problem::toString).collect(Collectors.joining("; ")));
        }
        TenantRuleSets rules = new TenantRuleSets(router, loaded, customRules, toggles, exceptions, placeholders,
                limits, clock);
        log.info("Sigma detection: {} SigmaHQ rules loaded, {} waiting for placeholder values, {} correlations, "
                + "{} rejected, in {} ms", loaded.rules().size(), loaded.expanding().size(),
                loaded.correlations().size(), loaded.rejected().size(), (System.nanoTime() - started) / 1_000_000);
        return rules;
    }

    @Bean
    DetectFeature detectFeature(Environment environment, Detections detections, TenantRuleSets rules,
                                MeterRegistry metrics, ObjectProvider<TriageFeature> triage) {
        DetectionSettings settings = Settings.bind(environment, "vigil.detection", DetectionSettings.class);
        if (!settings.enabled()) {
            log.info("Sigma detection is off (vigil.detection.enabled=false)");
            return new DetectFeature(List.of(), List.of());
        }
        // Triage reads the detections after they are stored, so that an incident never points at a missing detection.
        List<Output> outputs = new ArrayList<>(List.of(detections));
        triage.ifAvailable(feature -> outputs.add(feature.output()));
        return new DetectFeature(List.of(new SigmaStage(rules::evaluate, metrics)), outputs);
    }
}
