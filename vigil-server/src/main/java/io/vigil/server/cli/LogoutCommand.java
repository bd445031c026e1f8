package io.vigil.server.cli;

import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code vigil logout}: revokes the personal token {@code vigil login} stored, and forgets it. */
@Command(name = "logout", mixinStandardHelpOptions = true,
        description = "Revoke the API token 'vigil login' stored and delete it from the config directory.")
final class LogoutCommand implements Runnable {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        Optional<StoredLogin> stored = StoredLogin.read();
        if (stored.isEmpty()) {
            spec.commandLine().getOut().println("Not logged in (nothing stored in " + StoredLogin.directory() + ")");
            return;
        }
        ApiClient client = new ApiClient();
        client.url = stored.get().url();
        client.token = stored.get().token();
        try {
            client.delete("/api/v1/auth/tokens/" + ApiClient.encode(String.valueOf(stored.get().tokenId())));
        } catch (ApiClient.CallFailed e) {
            // Kept: a token that could not be revoked may still work. One that expired can be deleted by hand.
            throw new ApiClient.CallFailed(e.getMessage() + System.lineSeparator() + "  the token was not revoked; "
                    + StoredLogin.directory().resolve(StoredLogin.FILE) + " is kept (delete it if the token has expired)");
        }
        StoredLogin.delete();
        spec.commandLine().getOut().println("Logged out of " + stored.get().url() + ": token revoked, stored login deleted");
    }
}
