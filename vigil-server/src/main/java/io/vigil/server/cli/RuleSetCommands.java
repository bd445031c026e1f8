package io.vigil.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil rules list|add|remove|enable|disable}: the rule sets Vigil runs, over the REST API. */
final class RuleSetCommands {

    static final String[] COLUMNS = {"ruleId", "kind", "title", "scope", "createdBy"};

    private RuleSetCommands() {
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ApiClient.CallFailed("cannot read " + file + ": " + e.getMessage());
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "A tenant's rules: how many shipped rules, its custom and MSSP-wide rules, what it switched "
                    + "off and which rules are inactive (and why); or the MSSP-wide rules.")
    static final class ListRules implements Runnable {
        @Mixin ApiClient client;
        @Mixin RuleScope scope;
        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            JsonNode rules = client.get(scope.base() + "/rules");
            if (scope.choice.platform) {
                Output.print(out, client, rules, COLUMNS);
                return;
            }
            JsonNode summary = client.get(scope.base() + "/rules/summary");
            JsonNode inactive = client.get(scope.base() + "/rules/inactive");
            if (client.json) {
                out.println(ApiClient.JSON.createObjectNode().<com.fasterxml.jackson.databind.node.ObjectNode>set(
                        "summary", summary).<com.fasterxml.jackson.databind.node.ObjectNode>set("rules", rules)
                        .set("inactive", inactive).toPrettyString());
                return;
            }
            out.printf("shipped rules: %d, MSSP-wide rules: %d, own rules: %d, switched off: %s, inactive: %d%n",
                    summary.path("shipped").asInt(), summary.path("msspWide").asInt(), summary.path("own").asInt(),
                    summary.path("disabled"), summary.path("inactive").asInt());
            Output.print(out, client, rules, COLUMNS);
            if (!inactive.isEmpty()) {
                out.println("inactive:");
                Output.print(out, client, inactive, "ruleId", "origin", "reasons");
            }
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a Sigma rule file: one rule, or a collection (base rules and the correlations over them).")
    static final class Add implements Runnable {
        @Mixin ApiClient client;
        @Mixin RuleScope scope;
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "FILE", description = "The Sigma YAML file.") Path file;

        @Override
        public void run() {
            JsonNode added = client.post(scope.base() + "/rules", Map.of("yaml", read(file)));
            Output.print(spec.commandLine().getOut(), client, added.path("rules"), COLUMNS);
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a custom or MSSP-wide rule.")
    static final class Remove implements Runnable {
        @Mixin ApiClient client;
        @Mixin RuleScope scope;
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "RULE-ID") String ruleId;

        @Override
        public void run() {
            client.delete(scope.base() + "/rules/" + ApiClient.encode(ruleId));
            spec.commandLine().getOut().println("removed " + ruleId);
        }
    }

    abstract static class Switch implements Runnable {
        @Mixin ApiClient client;
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = "--tenant", required = true, description = "Slug or id.") String tenant;
        @Parameters(paramLabel = "RULE-ID", description = "A shipped, MSSP-wide or own rule, or a correlation.") String ruleId;

        abstract boolean enabled();

        @Override
        public void run() {
            JsonNode answer = client.put("/api/v1/tenants/" + ApiClient.encode(tenant) + "/rules/"
                    + ApiClient.encode(ruleId) + "/enabled", Map.of("enabled", enabled()));
            Output.print(spec.commandLine().getOut(), client, answer, "ruleId", "enabled");
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Switch a rule on for a tenant.")
    static final class Enable extends Switch {
        @Override
        boolean enabled() {
            return true;
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Switch a rule off for a tenant.")
    static final class Disable extends Switch {
        @Override
        boolean enabled() {
            return false;
        }
    }
}
