package io.vigil.server.cli;

import picocli.CommandLine.Command;

/** {@code vigil failures}: what a tenant sent that could not be processed, with the reason. */
@Command(name = "failures", mixinStandardHelpOptions = true,
        description = "Show a tenant's failure store (input that could not be processed).")
final class FailuresCommand extends TenantPageCommand {

    @Override
    String collection() {
        return "failures";
    }

    @Override
    String[] columns() {
        return new String[] {"seq", "id", "phase", "stage", "reason", "rawBytes"};
    }
}
