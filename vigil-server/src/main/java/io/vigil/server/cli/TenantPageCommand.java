package io.vigil.server.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A newest-first, paged listing of one of a tenant's collections ({@code events}, {@code failures}). */
abstract class TenantPageCommand implements Runnable {

    @Mixin ApiClient client;
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Option(names = "--tenant", required = true, description = "Slug or id.") String tenant;
    @Option(names = "--limit", defaultValue = "20", description = "How many (1-1000, default ${DEFAULT-VALUE}).") int limit;
    @Option(names = "--before", description = "Page: the seq printed after the previous page.") Long before;

    /** The collection under {@code /api/v1/tenants/{tenant}/}. */
    abstract String collection();

    /** The fields shown as table columns. */
    abstract String[] columns();

    @Override
    public void run() {
        String path = "/api/v1/tenants/" + ApiClient.encode(tenant) + "/" + collection() + "?limit=" + limit
                + (before == null ? "" : "&before=" + before);
        Output.print(spec.commandLine().getOut(), client, client.get(path), columns());
    }
}
