package io.vigil.server.cli;

import io.vigil.store.audit.AuditExport;
import io.vigil.store.audit.AuditVerification;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil audit}: read and export the audit log over the REST API, and verify an export offline. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Read, export and verify the audit log.",
        subcommands = {AuditCommand.ListCommand.class, AuditCommand.Export.class, AuditCommand.Verify.class})
final class AuditCommand implements Runnable {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Audit entries, newest first: the whole log, or with --tenant only that tenant's.")
    static final class ListCommand implements Runnable {
        @Mixin ApiClient client;
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = "--tenant", description = "Only entries concerning this tenant (slug or id).") String tenant;
        @Option(names = "--action", description = "Only this action, e.g. http.request, tenant-data.read.") String action;
        @Option(names = "--actor", description = "Only entries by this actor name.") String actor;
        @Option(names = "--from", description = "Only entries at or after this time (ISO-8601, e.g. 2025-03-01T00:00:00Z).") String from;
        @Option(names = "--to", description = "Only entries before this time (ISO-8601).") String to;
        @Option(names = "--limit", defaultValue = "20", description = "How many (1-1000, default ${DEFAULT-VALUE}).") int limit;
        @Option(names = "--before", description = "Page: the seq printed after the previous page.") Long before;

        @Override
        public void run() {
            String base = tenant == null ? "/api/v1/platform/audit" : "/api/v1/tenants/" + ApiClient.encode(tenant) + "/audit";
            List<String> query = new ArrayList<>(List.of("limit=" + limit));
            add(query, "before", before == null ? null : before.toString());
            add(query, "action", action);
            add(query, "actor", actor);
            add(query, "from", from);
            add(query, "to", to);
            Output.print(spec.commandLine().getOut(), client, client.get(base + "?" + String.join("&", query)),
                    "seq", "at", "actorName", "action", "target", "outcome", "sourceIp");
        }

        private static void add(List<String> query, String name, String value) {
            if (value != null) {
                query.add(name + "=" + ApiClient.encode(value));
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Download the whole audit log with its signed checkpoints and public key into a directory.")
    static final class Export implements Runnable {
        @Mixin ApiClient client;
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write (created if missing).") Path out;

        @Override
        public void run() {
            try (InputStream zip = client.download("/api/v1/platform/audit/export")) {
                AuditExport.unzip(zip, out);
            } catch (IOException e) {
                throw new UncheckedIOException("writing the export to " + out + " failed: " + e.getMessage(), e);
            }
            spec.commandLine().getOut().println("Exported to " + out + "; verify with: vigil audit verify " + out
                    + "  (or with standard tools: sh " + out.resolve(AuditExport.SCRIPT) + ")");
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verify an audit export offline. Exit 0: intact; 1: tampered, the first bad entry is named; 2: not an export.")
    static final class Verify implements Callable<Integer> {
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "DIR", description = "A directory written by 'vigil audit export'.") Path directory;

        @Override
        public Integer call() {
            AuditVerification result;
            try {
                result = AuditExport.verify(directory);
            } catch (IllegalArgumentException | IOException e) {
                spec.commandLine().getErr().println("vigil: " + e.getMessage());
                return 2;
            }
            switch (result) {
                case AuditVerification.Intact intact -> {
                    spec.commandLine().getOut().println(intact.describe());
                    return 0;
                }
                case AuditVerification.Broken broken -> {
                    spec.commandLine().getOut().println(broken.describe());
                    return 1;
                }
            }
        }
    }
}
