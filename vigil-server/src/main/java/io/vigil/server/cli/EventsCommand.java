package io.vigil.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil events}: a tenant's most recent processed events. */
@Command(name = "events", mixinStandardHelpOptions = true, description = "Show a tenant's most recent processed events.")
final class EventsCommand implements Runnable {

    @Mixin ApiClient client;
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Option(names = "--tenant", required = true, description = "Slug or id.") String tenant;
    @Option(names = "--limit", defaultValue = "20", description = "How many (1-1000, default ${DEFAULT-VALUE}).") int limit;
    @Option(names = "--before", description = "Page: the seq printed after the previous page.") Long before;

    @Override
    public void run() {
        String path = "/api/v1/tenants/" + ApiClient.encode(tenant) + "/events?limit=" + limit
                + (before == null ? "" : "&before=" + before);
        Output.print(spec.commandLine().getOut(), client, client.get(path), "seq", "time", "source", "common");
    }
}
