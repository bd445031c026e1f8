package io.vigil.server.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil placeholders list|set|remove}: values of {@code |expand} placeholders, per tenant or MSSP-wide. */
@Command(name = "placeholders", mixinStandardHelpOptions = true,
        description = "Values of Sigma placeholders (%name%) for |expand, per tenant or MSSP-wide defaults.",
        subcommands = {PlaceholdersCommand.ListValues.class, PlaceholdersCommand.Set.class, PlaceholdersCommand.Remove.class})
final class PlaceholdersCommand {

    static final String[] COLUMNS = {"name", "effective", "source"};

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List placeholder values.")
    static final class ListValues implements Runnable {
        @Mixin ApiClient client;
        @Mixin RuleScope scope;
        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            Output.print(spec.commandLine().getOut(), client, client.get(scope.base() + "/placeholders"), COLUMNS);
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Set (replace) a placeholder's values.")
    static final class Set implements Runnable {
        @Mixin ApiClient client;
        @Mixin RuleScope scope;
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Parameters(index = "0", paramLabel = "NAME", description = "Without the % signs.") String name;
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "VALUE", description = "Sigma strings (wildcards allowed).")
        List<String> values;

        @Override
        public void run() {
            Output.print(spec.commandLine().getOut(), client, client.put(scope.base() + "/placeholders/"
                    + ApiClient.encode(name), Map.of("values", values)), COLUMNS);
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a placeholder's values.")
    static final class Remove implements Runnable {
        @Mixin ApiClient client;
        @Mixin RuleScope scope;
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "NAME") String name;

        @Override
        public void run() {
            client.delete(scope.base() + "/placeholders/" + ApiClient.encode(name));
            spec.commandLine().getOut().println("removed " + name);
        }
    }
}
