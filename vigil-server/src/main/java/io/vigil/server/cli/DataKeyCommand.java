package io.vigil.server.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code vigil data-key}: the data key that seals stored secrets (TOTP, webhook secrets). */
@Command(name = "data-key", mixinStandardHelpOptions = true,
        description = "Show or rotate the data key that seals stored secrets (TOTP seeds, webhook secrets).",
        subcommands = {DataKeyCommand.Show.class, DataKeyCommand.Rotate.class})
final class DataKeyCommand {

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show the ids of the keys the server holds.")
    static final class Show implements Runnable {

        @Mixin ApiClient client;
        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            Output.print(spec.commandLine().getOut(), client, client.get("/api/v1/platform/data-key"),
                    "current", "keyIds");
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Make a new key current, seal every stored secret anew under it and drop the old keys.")
    static final class Rotate implements Runnable {

        @Mixin ApiClient client;
        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            Output.print(spec.commandLine().getOut(), client,
                    client.post("/api/v1/platform/data-key/rotate", Map.of()), "keyId", "retired", "resealed");
        }
    }
}
