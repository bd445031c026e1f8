package io.vigil.server.config;

import java.nio.file.Path;

/**
 * @param dataDir       directory for everything Vigil keeps on disk (journal, embedded database); the
 *                      demo uses {@code var/demo} so that demo tenants never mix with real ones
 * @param logFormat     {@code text} for people, {@code json} for log shippers (one JSON object per line)
 * @param bootstrapToken API token created on first start when none exists; empty means a random token
 *                       is generated and printed once
 */
public record ServerSettings(Path dataDir, String logFormat, String bootstrapToken) {

    public ServerSettings {
        dataDir = dataDir == null ? Path.of("var") : dataDir;
        logFormat = logFormat == null || logFormat.isBlank() ? "text" : logFormat.strip();
        if (!logFormat.equals("text") && !logFormat.equals("json")) {
            throw new IllegalArgumentException("vigil.server.log-format must be 'text' or 'json', was '" + logFormat + "'");
        }
        bootstrapToken = bootstrapToken == null || bootstrapToken.isBlank() ? null : bootstrapToken.strip();
        if (bootstrapToken != null && bootstrapToken.length() < 32) {
            throw new IllegalArgumentException("vigil.server.bootstrap-token must be at least 32 characters");
        }
    }

    @Override
    public String toString() {
        return "ServerSettings[dataDir=" + dataDir + ", logFormat=" + logFormat + ", bootstrapToken="
                + (bootstrapToken == null ? "none" : "***") + "]";
    }
}
