package io.vigil.server.detect;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.server.config.DetectionSettings;
import io.vigil.server.config.Settings;
import io.vigil.sigma.Problem;
import io.vigil.sigma.RuleLoad;
import io.vigil.sigma.logsource.LogsourceRouter;
import io.vigil.sigma.logsource.RoutedRuleSet;
import io.vigil.store.Database;
import io.vigil.store.detection.Detections;
import java.util.List;
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
    DetectFeature detectFeature(Environment environment, Detections detections) {
        DetectionSettings settings = Settings.bind(environment, "vigil.detection", DetectionSettings.class);
        if (!settings.enabled()) {
            log.info("Sigma detection is off (vigil.detection.enabled=false)");
            return new DetectFeature(List.of(), List.of());
        }
        long started = System.nanoTime();
        ClassLoader loader = DetectWiring.class.getClassLoader();
        LogsourceRouter router = ShippedRules.router(loader);
        ShippedRules.Loaded loaded = ShippedRules.load(loader);
        for (RuleLoad.Rejected rejected : loaded.rejected()) {
            log.warn("Sigma rule {} rejected: {}", rejected.origin(),
                    rejected.problems().stream().map(Problem::toString).collect(Collectors.joining("; ")));
        }
        RoutedRuleSet rules = RoutedRuleSet.of(router, loaded.rules());
        log.info("Sigma detection: {} SigmaHQ rules loaded, {} rejected, in {} ms", loaded.rules().size(),
                loaded.rejected().size(), (System.nanoTime() - started) / 1_000_000);
        return new DetectFeature(List.of(new SigmaStage(rules)), List.of(detections));
    }
}
