package io.vigil.server.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil exceptions list|add|remove}: a tenant's exceptions (Sigma filters with a reason and an expiry). */
@Command(name = "exceptions", mixinStandardHelpOptions = true, description = "A tenant's rule exceptions.",
        subcommands = {ExceptionsCommand.ListExceptions.class, ExceptionsCommand.Add.class, ExceptionsCommand.Remove.class})
final class ExceptionsCommand {

    static final String[] COLUMNS = {"id", "title", "rules", "reason", "expiresAt", "author"};

    private static String base(String tenant) {
        return "/api/v1/tenants/" + ApiClient.encode(tenant) + "/exceptions";
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a tenant's exceptions.")
    static final class ListExceptions implements Runnable {
        @Mixin ApiClient client;
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = "--tenant", required = true, description = "Slug or id.") String tenant;

        @Override
        public void run() {
            Output.print(spec.commandLine().getOut(), client, client.get(base(tenant)), COLUMNS);
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add an exception from a Sigma filter file.")
    static final class Add implements Runnable {
        @Mixin ApiClient client;
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = "--tenant", required = true, description = "Slug or id.") String tenant;
        @Option(names = "--reason", required = true, description = "Why the matches are benign.") String reason;
        @Option(names = "--expires", description = "ISO-8601 instant, e.g. 2025-12-31T00:00:00Z.") String expires;
        @Parameters(paramLabel = "FILE", description = "The Sigma filter YAML file.") Path file;

        @Override
        public void run() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("yaml", RuleSetCommands.read(file));
            body.put("reason", reason);
            if (expires != null) {
                body.put("expires", expires);
            }
            Output.print(spec.commandLine().getOut(), client, client.post(base(tenant), body), COLUMNS);
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove an exception.")
    static final class Remove implements Runnable {
        @Mixin ApiClient client;
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = "--tenant", required = true, description = "Slug or id.") String tenant;
        @Parameters(paramLabel = "EXCEPTION-ID") String id;

        @Override
        public void run() {
            client.delete(base(tenant) + "/" + ApiClient.encode(id));
            spec.commandLine().getOut().println("removed " + id);
        }
    }
}
