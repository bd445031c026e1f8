package io.vigil.server.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil incidents list|show|ack|assign|state|note}: the common actions on a tenant's incidents. */
@Command(name = "incidents", mixinStandardHelpOptions = true, description = "Work a tenant's incidents.",
        subcommands = {IncidentsCommand.ListIncidents.class, IncidentsCommand.Show.class, IncidentsCommand.Ack.class,
                IncidentsCommand.Assign.class, IncidentsCommand.State.class, IncidentsCommand.Note.class})
final class IncidentsCommand {

    static final String[] COLUMNS = {"id", "priority", "state", "tier", "assignee", "detectionCount", "title"};

    private static String base(String tenant) {
        return "/api/v1/tenants/" + ApiClient.encode(tenant) + "/incidents";
    }

    private static String one(String tenant, String id) {
        return base(tenant) + "/" + ApiClient.encode(id);
    }

    /** Options every subcommand shares. */
    abstract static class OnTenant implements Runnable {
        @Mixin ApiClient client;
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = "--tenant", required = true, description = "Slug or id.") String tenant;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List incidents, most recently updated first.")
    static final class ListIncidents extends OnTenant {
        @Option(names = "--state", description = "Only this state (new, acknowledged, investigating, contained, "
                + "waiting-on-client, resolved, closed).") String state;
        @Option(names = "--limit", defaultValue = "20", description = "How many (1-1000, default ${DEFAULT-VALUE}).") int limit;

        @Override
        public void run() {
            String path = base(tenant) + "?limit=" + limit + (state == null ? "" : "&state=" + ApiClient.encode(state));
            Output.print(spec.commandLine().getOut(), client, client.get(path), COLUMNS);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one incident with its timeline.")
    static final class Show extends OnTenant {
        @Parameters(paramLabel = "INCIDENT-ID") String id;

        @Override
        public void run() {
            var incident = client.get(one(tenant, id));
            var out = spec.commandLine().getOut();
            if (client.json) {
                out.println(incident.toPrettyString());
                return;
            }
            Output.print(out, client, incident, COLUMNS);
            out.println("priority reason: " + incident.path("priorityReason").asText());
            out.println();
            Output.print(out, client, incident.path("timeline"), "at", "actor", "action", "detail");
        }
    }

    @Command(name = "ack", mixinStandardHelpOptions = true, description = "Acknowledge a new incident (and take it).")
    static final class Ack extends OnTenant {
        @Parameters(paramLabel = "INCIDENT-ID") String id;

        @Override
        public void run() {
            Output.print(spec.commandLine().getOut(), client, client.post(one(tenant, id) + "/acknowledge", Map.of()), COLUMNS);
        }
    }

    @Command(name = "assign", mixinStandardHelpOptions = true, description = "Assign an incident (empty to unassign).")
    static final class Assign extends OnTenant {
        @Parameters(index = "0", paramLabel = "INCIDENT-ID") String id;
        @Parameters(index = "1", paramLabel = "ASSIGNEE") String assignee;

        @Override
        public void run() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("assignee", assignee);
            Output.print(spec.commandLine().getOut(), client, client.put(one(tenant, id) + "/assignee", body), COLUMNS);
        }
    }

    @Command(name = "state", mixinStandardHelpOptions = true, description = "Move an incident to another state.")
    static final class State extends OnTenant {
        @Parameters(index = "0", paramLabel = "INCIDENT-ID") String id;
        @Parameters(index = "1", paramLabel = "STATE") String state;
        @Option(names = "--reason", description = "Why, for the timeline.") String reason;

        @Override
        public void run() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("state", state);
            body.put("reason", reason);
            Output.print(spec.commandLine().getOut(), client, client.put(one(tenant, id) + "/state", body), COLUMNS);
        }
    }

    @Command(name = "note", mixinStandardHelpOptions = true, description = "Add a note to an incident.")
    static final class Note extends OnTenant {
        @Parameters(index = "0", paramLabel = "INCIDENT-ID") String id;
        @Parameters(index = "1", paramLabel = "TEXT") String text;

        @Override
        public void run() {
            client.post(one(tenant, id) + "/notes", Map.of("text", text));
            spec.commandLine().getOut().println("noted on " + id);
        }
    }
}
