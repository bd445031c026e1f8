package io.vigil.server.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil access …}: just-in-time elevated access to a tenant, requested by one person and decided by another. */
@Command(name = "access", mixinStandardHelpOptions = true,
        description = "Request, list and decide just-in-time elevated access to a tenant.",
        subcommands = {AccessCommand.Request.class, AccessCommand.List.class, AccessCommand.Mine.class,
                AccessCommand.Approve.class, AccessCommand.Deny.class, AccessCommand.Withdraw.class,
                AccessCommand.Revoke.class})
final class AccessCommand {

    static final String[] COLUMNS = {"id", "state", "role", "requesterName", "requestedMinutes", "expiresAt", "reason"};

    static String base(String tenant) {
        return "/api/v1/tenants/" + ApiClient.encode(tenant) + "/access-requests";
    }

    /** Options of every command that acts on one request. */
    abstract static class OnRequest implements Runnable {
        @Mixin ApiClient client;
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = "--tenant", required = true, description = "Slug or id.") String tenant;
        @Parameters(paramLabel = "REQUEST_ID") String id;

        String path(String verb) {
            return base(tenant) + "/" + ApiClient.encode(id) + "/" + verb;
        }

        void print(com.fasterxml.jackson.databind.JsonNode body) {
            Output.print(spec.commandLine().getOut(), client, body, COLUMNS);
        }
    }

    @Command(name = "request", mixinStandardHelpOptions = true,
            description = "Ask for an elevated role on a tenant for a bounded time; someone else must approve.")
    static final class Request implements Runnable {
        @Mixin ApiClient client;
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = "--tenant", required = true, description = "Slug or id.") String tenant;
        @Option(names = "--role", required = true, description = "Role code, e.g. analyst-t3.") String role;
        @Option(names = "--minutes", required = true, description = "How long the grant should last.") int minutes;
        @Option(names = "--reason", required = true, description = "Why, e.g. the incident or ticket.") String reason;

        @Override
        public void run() {
            Output.print(spec.commandLine().getOut(), client, client.post(base(tenant),
                    Map.of("role", role, "durationMinutes", minutes, "reason", reason)), COLUMNS);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a tenant's requests and grants, newest first.")
    static final class List implements Runnable {
        @Mixin ApiClient client;
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = "--tenant", required = true, description = "Slug or id.") String tenant;
        @Option(names = "--state", description = "Only these states, comma-separated (pending, approved, ...).") String state;
        @Option(names = "--limit", defaultValue = "50", description = "How many (1-500, default ${DEFAULT-VALUE}).") int limit;
        @Option(names = "--before", description = "Page: the value printed after the previous page.") Long before;

        @Override
        public void run() {
            String path = base(tenant) + "?limit=" + limit + (state == null ? "" : "&state=" + ApiClient.encode(state))
                    + (before == null ? "" : "&before=" + before);
            Output.print(spec.commandLine().getOut(), client, client.get(path), COLUMNS);
        }
    }

    @Command(name = "mine", mixinStandardHelpOptions = true, description = "List your own requests on every tenant.")
    static final class Mine implements Runnable {
        @Mixin ApiClient client;
        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            Output.print(spec.commandLine().getOut(), client, client.get("/api/v1/auth/access-requests"),
                    "id", "tenant", "state", "role", "requestedMinutes", "expiresAt");
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve someone else's pending request.")
    static final class Approve extends OnRequest {
        @Option(names = "--note", description = "Optional note for the record.") String note;
        @Option(names = "--minutes", description = "Grant less than was requested.") Integer minutes;

        @Override
        public void run() {
            Map<String, Object> body = new LinkedHashMap<>();
            if (note != null) {
                body.put("note", note);
            }
            if (minutes != null) {
                body.put("durationMinutes", minutes);
            }
            print(client.post(path("approve"), body));
        }
    }

    @Command(name = "deny", mixinStandardHelpOptions = true, description = "Deny someone else's pending request.")
    static final class Deny extends OnRequest {
        @Option(names = "--note", required = true, description = "Why; the requester sees it.") String note;

        @Override
        public void run() {
            print(client.post(path("deny"), Map.of("note", note)));
        }
    }

    @Command(name = "withdraw", mixinStandardHelpOptions = true, description = "Take back your own pending request.")
    static final class Withdraw extends OnRequest {
        @Override
        public void run() {
            print(client.post(path("withdraw"), Map.of()));
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "End a grant before it expires.")
    static final class Revoke extends OnRequest {
        @Option(names = "--note", description = "Optional note for the record.") String note;

        @Override
        public void run() {
            print(client.post(path("revoke"), note == null ? Map.of() : Map.of("note", note)));
        }
    }
}
