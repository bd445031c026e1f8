package io.vigil.sigma;

/** Sigma strings compare case-insensitively unless the {@code cased} modifier is given. */
public enum CaseMode {
    INSENSITIVE, SENSITIVE
}
