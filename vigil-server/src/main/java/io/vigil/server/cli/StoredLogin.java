package io.vigil.server.cli;

import io.vigil.store.secret.PrivateFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The personal API token {@code vigil login} keeps for later commands, with the server it belongs to, in
 * {@code <config dir>/login} (mode 0600, the directory 0700). The config directory is {@code $VIGIL_CONFIG_DIR},
 * else {@code $XDG_CONFIG_HOME/vigil}, else {@code ~/.config/vigil}. A stored token is only ever sent to the server
 * it was issued by.
 */
record StoredLogin(String url, String tokenId, String token) {

    static final String FILE = "login";
    /** Overrides the config directory (tests, several identities side by side); wins over the environment. */
    static final String DIRECTORY_PROPERTY = "vigil.cli.config-dir";
    private static final int MAX_BYTES = 4_096;

    static Path directory() {
        String property = System.getProperty(DIRECTORY_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String configured = System.getenv("VIGIL_CONFIG_DIR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config"))
                .resolve("vigil");
    }

    static Optional<StoredLogin> read() {
        Path file = directory().resolve(FILE);
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            String url = properties.getProperty("url");
            String token = properties.getProperty("token");
            return url == null || token == null ? Optional.empty()
                    : Optional.of(new StoredLogin(url, properties.getProperty("id"), token));
        } catch (IOException e) {
            throw new ApiClient.CallFailed("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Writes it readable by its owner only; replaces what was there. */
    Path write() {
        Path file = directory().resolve(FILE);
        try {
            PrivateFiles.write(file, "# written by vigil login: a personal API token, keep it private\n"
                    + "url=" + url + "\nid=" + tokenId + "\ntoken=" + token + "\n", true);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }

    /** Forgets the stored login; true if there was one. */
    static boolean delete() {
        Path file = directory().resolve(FILE);
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("deleting " + file, e);
        }
    }

    static String normalise(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return "StoredLogin[url=" + url + ", token=***]";
    }
}
