package io.vigil.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code vigil}: the entry point of the distribution. {@code serve} runs the platform; the rest talk to it over REST. */
@Command(name = "vigil", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Vigil: the multi-tenant SOC platform for managed security service providers.",
        subcommands = {
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
                CommandLine.HelpCommand.class})
public final class VigilCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int exit = commandLine().execute(args);
        if (exit != 0 || !ServeCommand.isServing()) {
            System.exit(exit);
        }
    }

    public static CommandLine commandLine() {
        return new CommandLine(new VigilCli())
                .setCaseInsensitiveEnumValuesAllowed(true)
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
