package io.vigil.server.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Where a rule set command acts: one tenant ({@code --tenant}) or the MSSP-wide set ({@code --platform}). */
final class RuleScope {

    static final class Choice {
        @Option(names = "--tenant", required = true, description = "Slug or id of the tenant.") String tenant;
        @Option(names = "--platform", required = true, description = "The MSSP-wide set, for every tenant.") boolean platform;
    }

    @ArgGroup(exclusive = true, multiplicity = "1") Choice choice;

    /** {@code /api/v1/tenants/{tenant}} or {@code /api/v1/platform}. */
    String base() {
        return choice.platform ? "/api/v1/platform" : "/api/v1/tenants/" + ApiClient.encode(choice.tenant);
    }
}
