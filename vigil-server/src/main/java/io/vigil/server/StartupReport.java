package io.vigil.server;

import io.vigil.ingest.http.HttpIngestServer;
import io.vigil.server.config.ServerSettings;
import io.vigil.server.demo.DemoSeeder;
import io.vigil.server.security.BootstrapToken;
import io.vigil.server.user.BootstrapAccounts;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Once everything listens: runs the demo seeding if asked, then tells the person at the terminal where to look. */
@Component
class StartupReport {

    private final Environment environment;
    private final ServerSettings settings;
    private final HttpIngestServer ingest;
    private final BootstrapToken token;
    private final Optional<DemoSeeder> demo;
    private final BootstrapAccounts accounts;

    StartupReport(Environment environment, ServerSettings settings, HttpIngestServer ingest, BootstrapToken token,
                  Optional<DemoSeeder> demo, BootstrapAccounts accounts) {
        this.accounts = accounts;
        this.environment = environment;
        this.settings = settings;
        this.ingest = ingest;
        this.token = token;
        this.demo = demo;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        String api = "http://localhost:" + environment.getProperty("local.server.port", "8080");
        Integer ingestPort = ingest.isRunning() ? ingest.port() : null;
        if (demo.isPresent() && ingestPort == null) {
            throw new IllegalStateException("the demo replays its telemetry through HTTP ingest: do not disable vigil.ingest.http");
        }
        List<DemoSeeder.Seeded> seeded = demo.map(seeder -> seeder.seed(ingestPort)).orElse(List.of());
        PrintStream out = System.out;
        out.println();
        out.println("Vigil is running" + (demo.isPresent() ? " with demo data" : "") + ".");
        out.println("  REST API     " + api + "/api/v1   (health: " + api + "/actuator/health)");
        out.println("  HTTP ingest  " + (ingestPort == null ? "disabled (vigil.ingest.http.enabled=false)"
                : "http://localhost:" + ingestPort + "/ingest/v1/events"));
        out.println("  Data         " + settings.dataDir().toAbsolutePath().normalize());
        token.printable().ifPresent(secret -> {
            out.println("  API token    " + secret);
            out.println(demo.isPresent() ? "               (demo login; kept in " + settings.dataDir().resolve("demo-token") + ")"
                    : "               (platform administrator; shown only now: store it)");
        });
        for (BootstrapAccounts.Login login : accounts.printable(seeded.stream().map(DemoSeeder.Seeded::slug).toList())) {
            out.println("  Login        " + login.login() + " / " + login.password() + "   (" + login.note() + ")");
        }
        for (DemoSeeder.Seeded tenant : seeded) {
            out.println("  Tenant       " + tenant.slug() + " (" + tenant.displayName() + "): "
                    + (tenant.created() ? tenant.accepted() + " events sent through HTTP ingest"
                    + (tenant.refusedBatches() > 0 ? ", " + tenant.refusedBatches() + " malformed batch(es) refused and kept in its failure store" : "")
                    : "already present"));
        }
        out.println();
        out.println("Try:");
        out.println("  export VIGIL_URL=" + api + " VIGIL_TOKEN=" + token.printable().orElse("<your API token>"));
        out.println("  ./vigil tenant list");
        if (!seeded.isEmpty()) {
            out.println("  ./vigil events --tenant " + seeded.getFirst().slug() + " --limit 5");
            out.println("  ./vigil failures --tenant " + seeded.getLast().slug());
            out.println("  curl -H \"Authorization: Bearer $VIGIL_TOKEN\" '" + api + "/api/v1/tenants/" + seeded.getFirst().slug() + "/events?limit=5'");
        }
        out.println("Stop with Ctrl-C.");
        out.flush();
    }
}
