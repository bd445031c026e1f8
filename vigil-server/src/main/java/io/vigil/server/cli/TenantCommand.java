package io.vigil.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil tenant …}: platform administration of client organisations. */
@Command(name = "tenant", mixinStandardHelpOptions = true, description = "Manage tenants (client organisations).",
        subcommands = {TenantCommand.List.class, TenantCommand.Show.class, TenantCommand.Create.class,
                TenantCommand.Update.class, TenantCommand.Suspend.class, TenantCommand.Activate.class,
                TenantCommand.Offboard.class, TenantCommand.PurgeEvents.class})
final class TenantCommand {

    static final String BASE = "/api/v1/platform/tenants";
    static final String[] COLUMNS = {"slug", "displayName", "timezone", "status", "id", "createdAt"};

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List all tenants.")
    static final class List implements Runnable {
        @Mixin ApiClient client;
        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            Output.print(spec.commandLine().getOut(), client, client.get(BASE), COLUMNS);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one tenant.")
    static final class Show implements Runnable {
        @Mixin ApiClient client;
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "TENANT", description = "Slug or id.") String tenant;

        @Override
        public void run() {
            Output.print(spec.commandLine().getOut(), client, client.get(BASE + "/" + ApiClient.encode(tenant)), COLUMNS);
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a tenant.")
    static final class Create implements Runnable {
        @Mixin ApiClient client;
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "SLUG", description = "Short unique name, e.g. acme-energy (cannot change later).") String slug;
        @Option(names = "--name", required = true, description = "Display name.") String name;
        @Option(names = "--timezone", defaultValue = "UTC", description = "IANA time zone (default ${DEFAULT-VALUE}).") String timezone;

        @Override
        public void run() {
            Map<String, Object> body = Map.of("slug", slug, "displayName", name, "timezone", timezone);
            Output.print(spec.commandLine().getOut(), client, client.post(BASE, body), COLUMNS);
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Change a tenant's display name or time zone.")
    static final class Update implements Runnable {
        @Mixin ApiClient client;
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "TENANT", description = "Slug or id.") String tenant;
        @ArgGroup(exclusive = false, multiplicity = "1") Changes changes;

        static final class Changes {
            @Option(names = "--name", description = "New display name.") String name;
            @Option(names = "--timezone", description = "New IANA time zone.") String timezone;
        }

        @Override
        public void run() {
            Map<String, Object> body = new LinkedHashMap<>();
            if (changes.name != null) {
                body.put("displayName", changes.name);
            }
            if (changes.timezone != null) {
                body.put("timezone", changes.timezone);
            }
            Output.print(spec.commandLine().getOut(), client, client.patch(BASE + "/" + ApiClient.encode(tenant), body), COLUMNS);
        }
    }

    abstract static class StatusChange implements Runnable {
        @Mixin ApiClient client;
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "TENANT", description = "Slug or id.") String tenant;

        abstract String action();

        @Override
        public void run() {
            Output.print(spec.commandLine().getOut(), client,
                    client.post(BASE + "/" + ApiClient.encode(tenant) + "/" + action(), Map.of()), COLUMNS);
        }
    }

    @Command(name = "suspend", mixinStandardHelpOptions = true, description = "Suspend a tenant: its ingest is refused, its data kept.")
    static final class Suspend extends StatusChange {
        @Override
        String action() {
            return "suspend";
        }
    }

    @Command(name = "activate", mixinStandardHelpOptions = true, description = "Make a suspended tenant active again.")
    static final class Activate extends StatusChange {
        @Override
        String action() {
            return "activate";
        }
    }

    @Command(name = "offboard", mixinStandardHelpOptions = true, description = "Mark a tenant offboarded: contract ended, ingest refused.")
    static final class Offboard extends StatusChange {
        @Override
        String action() {
            return "offboard";
        }
    }

    @Command(name = "purge-events", mixinStandardHelpOptions = true,
            description = "Delete every stored event of an offboarded tenant now (audited; cannot be undone).")
    static final class PurgeEvents implements Runnable {
        @Mixin ApiClient client;
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "TENANT", description = "Slug or id.") String tenant;
        @Option(names = "--confirm", required = true, description = "The tenant's slug again.") String confirm;

        @Override
        public void run() {
            JsonNode answer = client.delete("/api/v1/tenants/" + ApiClient.encode(tenant) + "/stored-events?confirm="
                    + ApiClient.encode(confirm));
            Output.print(spec.commandLine().getOut(), client, answer.path("deleted"), "events", "bytes", "partitions",
                    "oldestDay", "newestDay");
        }
    }
}
