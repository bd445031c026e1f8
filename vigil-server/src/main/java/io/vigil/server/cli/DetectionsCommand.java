package io.vigil.server.cli;

import picocli.CommandLine.Command;

/** {@code vigil detections}: a tenant's most recent Sigma detections. */
@Command(name = "detections", mixinStandardHelpOptions = true, description = "Show a tenant's most recent Sigma detections.")
final class DetectionsCommand extends TenantPageCommand {

    @Override
    String collection() {
        return "detections";
    }

    @Override
    String[] columns() {
        return new String[] {"seq", "level", "title", "ruleId", "author"};
    }
}
