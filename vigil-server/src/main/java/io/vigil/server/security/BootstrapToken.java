package io.vigil.server.security;

import io.vigil.core.access.ActorKind;
import io.vigil.core.access.Role;
import io.vigil.core.access.RoleBinding;
import io.vigil.server.config.ServerSettings;
import io.vigil.store.apitoken.ApiTokens;
import io.vigil.store.apitoken.IssuedApiToken;
import io.vigil.store.identity.NewUser;
import io.vigil.store.identity.RoleBindings;
import io.vigil.store.identity.UserAccount;
import io.vigil.store.identity.Users;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.UUID;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Automation's first credential. When no API token was ever issued and the operator configured
 * {@code vigil.server.bootstrap-token}, the service account {@code bootstrap} (platform administrator on every
 * tenant) gets a token with that secret, so that automation can be set up before the server first starts. The
 * demo instead issues a token to the service account {@code demo-automation}, keeps it in
 * {@code <data-dir>/demo-token} and prints it at every start. Otherwise people log in (the bootstrap administrator's
 * one-time password) and issue their own tokens.
 */
@Component
public final class BootstrapToken {

    static final String BOOTSTRAP_ACCOUNT = "bootstrap";
    static final String DEMO_ACCOUNT = "demo-automation";

    private final ApiTokens tokens;
    private final Users users;
    private final RoleBindings bindings;
    private final ServerSettings settings;
    private final boolean demo;
    private volatile String printable;

    BootstrapToken(ApiTokens tokens, Users users, RoleBindings bindings, ServerSettings settings, Environment environment) {
        this.tokens = tokens;
        this.users = users;
        this.bindings = bindings;
        this.settings = settings;
        this.demo = environment.getProperty("vigil.demo.enabled", Boolean.class, false);
        ensure();
    }

    private void ensure() {
        Path demoFile = settings.dataDir().resolve("demo-token");
        if (!tokens.isEmpty()) {
            if (demo && Files.isReadable(demoFile)) {
                printable = read(demoFile);
            }
            return;
        }
        if (settings.bootstrapToken() != null) {
            tokens.issueWithSecret(serviceAdmin(BOOTSTRAP_ACCOUNT, "Bootstrap automation"), "bootstrap token",
                    settings.bootstrapToken());
        } else if (demo) {
            IssuedApiToken issued = tokens.issue(serviceAdmin(DEMO_ACCOUNT, "Demo automation"), "demo CLI token", null, null, null);
            printable = issued.secret();
            write(demoFile, issued.secret());
        }
    }

    private UUID serviceAdmin(String login, String displayName) {
        UserAccount account = users.findByLogin(login).orElseGet(() ->
                users.create(new NewUser(login, displayName, ActorKind.SERVICE, null, null, false)));
        if (bindings.list(account.id()).isEmpty()) {
            bindings.grant(account.id(), RoleBinding.allTenants(Role.PLATFORM_ADMIN), "manual", "bootstrap");
        }
        return account.id();
    }

    /** The demo's token, to show at every demo start. */
    public Optional<String> printable() {
        return Optional.ofNullable(printable);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String secret) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system; the data directory's own permissions apply
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
