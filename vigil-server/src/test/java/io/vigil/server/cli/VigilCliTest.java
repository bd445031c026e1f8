package io.vigil.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line {@code main} builds for one subcommand behaves as that subcommand in the whole tree. */
class VigilCliTest {

    @Test
    void aSubcommandAloneHasTheSameOptionsHelpAndSettingsAsInTheWholeTree() {
        CommandLine whole = VigilCli.commandLine();
        assertThat(whole.getSubcommands()).hasSize(VigilCli.SUBCOMMANDS.size());
        for (String name : whole.getSubcommands().keySet()) {
            if (name.equals("help")) {
                continue;
            }
            CommandLine alone = VigilCli.commandLine(name, "--help");
            assertThat(alone.getSubcommands()).as(name).containsOnlyKeys(name);
            CommandLine inAlone = alone.getSubcommands().get(name);
            CommandLine inWhole = whole.getSubcommands().get(name);
            assertThat(usage(inAlone)).as(name).isEqualTo(usage(inWhole));
            assertThat(inAlone.isCaseInsensitiveEnumValuesAllowed()).as(name).isTrue();
            assertThat(inAlone.getExecutionExceptionHandler()).as(name).isNotNull();
            assertThat(inAlone.getSubcommands().keySet()).as(name)
                    .isEqualTo(inWhole.getSubcommands().keySet());
        }
    }

    @Test
    void anythingElseGetsTheWholeTreeForHelpAndSuggestions() {
        assertThat(VigilCli.commandLine().getSubcommands()).containsKeys("hunt", "serve", "help");
        assertThat(VigilCli.commandLine("--help").getSubcommands()).hasSize(VigilCli.SUBCOMMANDS.size());
        assertThat(VigilCli.commandLine("help", "hunt").getSubcommands()).hasSize(VigilCli.SUBCOMMANDS.size());
        assertThat(VigilCli.commandLine("hnut").getSubcommands()).hasSize(VigilCli.SUBCOMMANDS.size());

        StringWriter err = new StringWriter();
        CommandLine mistyped = VigilCli.commandLine("hnut");
        mistyped.setErr(new PrintWriter(err, true));
        assertThat(mistyped.execute("hnut")).isEqualTo(2);
        assertThat(err.toString()).contains("Unmatched argument at index 0: 'hnut'").contains("Did you mean");
    }

    private static String usage(CommandLine cli) {
        StringWriter text = new StringWriter();
        cli.usage(new PrintWriter(text, true), CommandLine.Help.Ansi.OFF);
        return text.toString();
    }
}
