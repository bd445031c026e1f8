package io.vigil.server.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil ingest-key …}: a tenant's ingest credentials. */
@Command(name = "ingest-key", mixinStandardHelpOptions = true, description = "Manage a tenant's ingest keys.",
        subcommands = {IngestKeyCommand.List.class, IngestKeyCommand.Create.class, IngestKeyCommand.Revoke.class})
final class IngestKeyCommand {

    static final String[] COLUMNS = {"id", "label", "createdAt", "revokedAt"};

    static String base(String tenant) {
        return "/api/v1/tenants/" + ApiClient.encode(tenant) + "/ingest-keys";
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a tenant's ingest keys (never their secrets).")
    static final class List implements Runnable {
        @Mixin ApiClient client;
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = "--tenant", required = true, description = "Slug or id.") String tenant;

        @Override
        public void run() {
            Output.print(spec.commandLine().getOut(), client, client.get(base(tenant)), COLUMNS);
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an ingest key; its secret is shown once.")
    static final class Create implements Runnable {
        @Mixin ApiClient client;
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = "--tenant", required = true, description = "Slug or id.") String tenant;
        @Option(names = "--label", required = true, description = "What sends with it, e.g. 'fw-cluster-hq'.") String label;

        @Override
        public void run() {
            var body = client.post(base(tenant), Map.of("label", label));
            Output.print(spec.commandLine().getOut(), client, body, "id", "label", "secret");
            if (!client.json) {
                spec.commandLine().getOut().println("Store the secret now: it is not shown again.");
            }
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke an ingest key.")
    static final class Revoke implements Runnable {
        @Mixin ApiClient client;
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = "--tenant", required = true, description = "Slug or id.") String tenant;
        @Parameters(paramLabel = "KEY_ID") String keyId;

        @Override
        public void run() {
            Output.print(spec.commandLine().getOut(), client, client.delete(base(tenant) + "/" + ApiClient.encode(keyId)), COLUMNS);
        }
    }
}
