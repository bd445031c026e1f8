package io.vigil.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil failures}: what a tenant sent that could not be processed, with the reason. */
@Command(name = "failures", mixinStandardHelpOptions = true, description = "Show a tenant's failure store (input that could not be processed).")
final class FailuresCommand implements Runnable {

    @Mixin ApiClient client;
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Option(names = "--tenant", required = true, description = "Slug or id.") String tenant;
    @Option(names = "--limit", defaultValue = "20", description = "How many (1-1000, default ${DEFAULT-VALUE}).") int limit;
    @Option(names = "--before", description = "Page: the seq printed after the previous page.") Long before;

    @Override
    public void run() {
        String path = "/api/v1/tenants/" + ApiClient.encode(tenant) + "/failures?limit=" + limit
                + (before == null ? "" : "&before=" + before);
        Output.print(spec.commandLine().getOut(), client, client.get(path), "seq", "id", "phase", "stage", "reason", "rawBytes");
    }
}
