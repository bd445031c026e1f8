package io.vigil.server.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code vigil}: the entry point of the distribution. {@code serve} runs the platform; the rest talk to it over REST. */
@Command(name = "vigil", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Vigil: the multi-tenant SOC platform for managed security service providers.")
public final class VigilCli implements Runnable {

    /** Every subcommand, in the order {@code vigil --help} lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            ServeCommand.class,
            TenantCommand.class,
            IngestKeyCommand.class,
            EventsCommand.class,
            DetectionsCommand.class,
            FailuresCommand.class,
            HuntCommand.class,
            RulesCommand.class,
            ExceptionsCommand.class,
            PlaceholdersCommand.class,
            AuditCommand.class,
            AlertsCommand.class,
            DataKeyCommand.class,
            AccessCommand.class,
            LoginCommand.class,
            LogoutCommand.class,
            SourcesCommand.class,
            SlaCommand.Contract.class,
            SlaCommand.Sla.class,
            CertsCommand.class,
            NetworksCommand.class,
            IncidentsCommand.class,
            SearchCommand.class,
            CommandLine.HelpCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int exit = commandLine(args).execute(args);
        if (exit != 0 || !ServeCommand.isServing()) {
            System.exit(exit);
        }
    }

    /** The whole command tree. */
    public static CommandLine commandLine() {
        return withSubcommands(SUBCOMMANDS);
    }

    /**
     * The command line to run {@code args} with: when the first argument names a subcommand, the tree holds that one
     * only (building the model of every subcommand and its options costs about a second at each start); otherwise
     * ({@code vigil --help}, {@code vigil help hunt}, a mistyped name) the whole tree, for help and suggestions.
     */
    public static CommandLine commandLine(String... args) {
        if (args.length > 0) {
            for (Class<?> subcommand : SUBCOMMANDS) {
                Command command = subcommand.getAnnotation(Command.class);
                if (subcommand != CommandLine.HelpCommand.class && (command.name().equals(args[0])
                        || List.of(command.aliases()).contains(args[0]))) {
                    return withSubcommands(List.of(subcommand));
                }
            }
        }
        return commandLine();
    }

    /** Settings reach the subcommands present when they are set, so the subcommands come first. */
    private static CommandLine withSubcommands(List<Class<?>> subcommands) {
        CommandLine cli = new CommandLine(new VigilCli());
        subcommands.forEach(cli::addSubcommand);
        return cli.setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((error, commandLine, parseResult) -> {
                    if (error instanceof ApiClient.CallFailed failed) {
                        commandLine.getErr().println("vigil: " + failed.getMessage());
                        return 1;
                    }
                    throw error;
                });
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
