package io.vigil.sigma;

/** Sigma strings compare case-insensitively unless the {@code cased} modifier is given. */
enum CaseMode {
    INSENSITIVE, SENSITIVE
}
