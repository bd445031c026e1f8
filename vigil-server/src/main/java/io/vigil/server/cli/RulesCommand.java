package io.vigil.server.cli;

import io.vigil.server.hunt.HuntInputException;
import io.vigil.server.hunt.HuntReport;
import io.vigil.server.hunt.LoadedRules;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil rules …}: work with Sigma rule files offline. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "Work with Sigma rule files (offline) and with the rule sets Vigil runs.",
        subcommands = {RulesCommand.Validate.class, RuleSetCommands.ListRules.class, RuleSetCommands.Add.class,
                RuleSetCommands.Remove.class, RuleSetCommands.Enable.class, RuleSetCommands.Disable.class})
final class RulesCommand implements Runnable {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code vigil rules validate}: every rejected rule with all of its problems. */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Load Sigma rules and correlation rules as vigil hunt would and list each rejected one",
                    "with its reasons."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:every rule loads", "1:some rules are rejected", "2:usage or input error"})
    static final class Validate implements Callable<Integer> {

        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "PATH", arity = "1..*",
                description = "Rule files or folders (walked for *.yml, *.yaml).")
        List<Path> paths;

        @Option(names = "--placeholders", paramLabel = "FILE",
                description = "YAML map of placeholder name to values for |expand rules.")
        Path placeholders;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            LoadedRules loaded;
            try {
                loaded = RuleOptions.load(paths, placeholders);
            } catch (HuntInputException e) {
                spec.commandLine().getErr().println("vigil rules validate: " + e.getMessage());
                return 2;
            }
            if (loaded.files() == 0) {
                spec.commandLine().getErr().println("vigil rules validate: no rule files found (*.yml, *.yaml)");
                return 2;
            }
            HuntReport.rejections(out, loaded.rejected(), -1);
            out.printf(Locale.ROOT, "%,d rules: %,d loaded, %,d rejected%n", loaded.files(), loaded.loaded(),
                    loaded.rejected().size());
            out.flush();
            return loaded.rejected().isEmpty() ? 0 : 1;
        }
    }
}
