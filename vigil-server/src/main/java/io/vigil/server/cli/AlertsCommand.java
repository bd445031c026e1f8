package io.vigil.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code vigil alerts}: the platform's operator alerts (disk full and the like), current ones first. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = "Show the platform's operator alerts: open and clearing ones, then recently resolved ones.")
final class AlertsCommand implements Runnable {

    @Mixin ApiClient client;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        JsonNode body = client.get("/api/v1/platform/alerts");
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        body.path("current").forEach(rows::add);
        body.path("recent").forEach(rows::add);
        Output.print(spec.commandLine().getOut(), client, client.json ? body : rows,
                "state", "kind", "key", "raisedAt", "resolvedAt", "recurrences", "summary");
    }
}
