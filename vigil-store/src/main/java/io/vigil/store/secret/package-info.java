/**
 * Secrets at rest: the format and hashing of issued secrets (ingest keys, API tokens): {@code <prefix><id>_<random>},
 * stored only as a SHA-256 ({@link io.vigil.store.secret.Secrets}); and the encryption of secrets that must be read
 * back, such as TOTP seeds ({@link io.vigil.store.secret.SecretBox}).
 */
package io.vigil.store.secret;
