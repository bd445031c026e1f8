package io.vigil.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil search}: a tenant's stored events matching a query in a time range, or their export. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Search a tenant's stored events (query syntax: docs/search.md).")
final class SearchCommand implements Runnable {

    @Mixin ApiClient client;
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Option(names = "--tenant", required = true, description = "Slug or id.") String tenant;
    @Option(names = "--from", required = true, description = "Start: 2025-03-01T10:00:00Z, 2025-03-01, now-24h.") String from;
    @Option(names = "--to", defaultValue = "now", description = "End, exclusive (default ${DEFAULT-VALUE}).") String to;
    @Option(names = "--limit", defaultValue = "20", description = "Events per page (1-1000, default ${DEFAULT-VALUE}).") int limit;
    @Option(names = "--cursor", description = "Page: the cursor printed after the previous page.") String cursor;
    @Option(names = "--oldest-first", description = "Oldest events first (default newest first).") boolean oldestFirst;
    @Option(names = "--export", description = "Stream every match as jsonl or csv instead of one page.") String export;
    @Option(names = "--fields", description = "CSV export: comma-separated fields (default: host, user, IPs, code, message).") String fields;
    @Parameters(arity = "0..1", defaultValue = "", description = "The query; empty for every event.") String query;

    @Override
    public void run() {
        String base = "/api/v1/tenants/" + ApiClient.encode(tenant);
        String common = "?from=" + q(from) + "&to=" + q(to) + "&q=" + q(query);
        PrintWriter out = spec.commandLine().getOut();
        if (export != null) {
            String path = base + "/export" + common + "&format=" + q(export) + (fields == null ? "" : "&fields=" + q(fields));
            String failure;
            try (Reader in = new BufferedReader(new InputStreamReader(client.download(path), StandardCharsets.UTF_8))) {
                failure = ExportCopy.copy(in, out, "csv".equalsIgnoreCase(export));
                out.flush();
            } catch (IOException e) {
                throw new ApiClient.CallFailed("export interrupted: " + e.getMessage());
            }
            if (failure != null) {
                // What was written is incomplete: say so and exit non-zero, so that a script does not use it.
                throw new ApiClient.CallFailed("export failed, the output is incomplete: " + failure);
            }
            return;
        }
        JsonNode page = client.get(base + "/search" + common + "&limit=" + limit
                + (oldestFirst ? "&order=oldest" : "") + (cursor == null ? "" : "&cursor=" + q(cursor)));
        if (client.json) {
            out.println(page.toPrettyString());
            return;
        }
        ArrayNode rows = ApiClient.JSON.createArrayNode();
        for (JsonNode event : page.path("events")) {
            ObjectNode row = rows.addObject();
            row.put("time", event.path("time").asText());
            row.put("id", event.path("id").asText());
            row.put("source", event.path("source").path("name").asText());
            JsonNode c = event.path("common");
            row.put("host", c.path("device.hostname").asText("-"));
            row.put("user", c.path("actor.user.name").asText("-"));
            row.put("src_ip", c.path("src_endpoint.ip").asText("-"));
            row.put("message", c.path("message").asText("-"));
        }
        Output.print(out, client, rows, "time", "id", "source", "host", "user", "src_ip", "message");
        out.println("(" + page.path("total").asText() + (page.path("totalIsExact").asBoolean() ? "" : "+")
                + " matching" + (!page.hasNonNull("nextCursor") ? ")" : "; more: --cursor " + page.path("nextCursor").asText() + ")"));
    }

    private static String q(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
