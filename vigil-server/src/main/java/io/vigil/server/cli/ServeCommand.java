package io.vigil.server.cli;

import io.vigil.server.VigilApplication;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the platform in this process until stopped (Ctrl-C or SIGTERM shut down gracefully). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Start Vigil: REST API, HTTP ingest, pipeline and storage in one process.",
                "Every setting can also come from the environment; see docs/configuration.md."})
final class ServeCommand implements Callable<Integer> {

    private static volatile boolean serving;

    @Option(names = "--demo", description = "Seed three example tenants and replay bundled sample telemetry through "
            + "HTTP ingest. Uses the data directory var/demo unless --data-dir is given.")
    boolean demo;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where data lives (default: var, or var/demo with --demo).")
    Path dataDir;

    @Option(names = "--port", paramLabel = "PORT", description = "REST API port (default 8080).")
    Integer port;

    @Option(names = "--ingest-port", paramLabel = "PORT", description = "HTTP ingest port (default 8088).")
    Integer ingestPort;

    @Option(names = "--log-format", paramLabel = "FORMAT", description = "text (default) or json.")
    String logFormat;

    static boolean isServing() {
        return serving;
    }

    @Override
    public Integer call() {
        Map<String, Object> properties = new HashMap<>();
        if (demo) {
            properties.put("vigil.demo.enabled", "true");
        }
        Path dir = dataDir != null ? dataDir : demo ? Path.of("var", "demo") : null;
        if (dir != null) {
            properties.put("vigil.server.data-dir", dir.toString());
        }
        if (port != null) {
            properties.put("server.port", port);
        }
        if (ingestPort != null) {
            properties.put("vigil.ingest.http.port", ingestPort);
        }
        if (logFormat != null) {
            properties.put("vigil.server.log-format", logFormat);
        }
        SpringApplication application = new SpringApplication(VigilApplication.class);
        // Command-line options win over the environment: they were typed for this run.
        properties.forEach((key, value) -> System.setProperty(key, String.valueOf(value)));
        application.run();
        serving = true;
        return 0;
    }
}
