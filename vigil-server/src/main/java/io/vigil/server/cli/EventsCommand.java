package io.vigil.server.cli;

import picocli.CommandLine.Command;

/** {@code vigil events}: a tenant's most recent processed events. */
@Command(name = "events", mixinStandardHelpOptions = true, description = "Show a tenant's most recent processed events.")
final class EventsCommand extends TenantPageCommand {

    @Override
    String collection() {
        return "events";
    }

    @Override
    String[] columns() {
        return new String[] {"seq", "time", "source", "common"};
    }
}
