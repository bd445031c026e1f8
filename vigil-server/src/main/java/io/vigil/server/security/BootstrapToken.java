package io.vigil.server.security;

import io.vigil.server.config.ServerSettings;
import io.vigil.store.apitoken.ApiTokens;
import io.vigil.store.apitoken.IssuedApiToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * First start: when no API token exists, create the platform administrator's token, either the one the
 * operator configured ({@code vigil.server.bootstrap-token}) or a random one printed once. The demo keeps
 * its token in {@code <data-dir>/demo-token} so that it can print its login at every start.
 */
@Component
public final class BootstrapToken {

    private final ApiTokens tokens;
    private final ServerSettings settings;
    private final boolean demo;
    private volatile String printable;

    BootstrapToken(ApiTokens tokens, ServerSettings settings, Environment environment) {
        this.tokens = tokens;
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
        IssuedApiToken issued = settings.bootstrapToken() != null
                ? tokens.issueWithSecret("bootstrap administrator", SecurityWiring.PLATFORM_ADMIN, settings.bootstrapToken())
                : tokens.issue("bootstrap administrator", SecurityWiring.PLATFORM_ADMIN, null);
        if (settings.bootstrapToken() == null) {
            printable = issued.secret();
            if (demo) {
                write(demoFile, issued.secret());
            }
        }
    }

    /** The token to show once at start (first start, or every demo start), if any. */
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
