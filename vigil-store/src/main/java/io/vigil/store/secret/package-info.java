/**
 * The format and hashing of issued secrets (ingest keys, API tokens): {@code <prefix><id>_<random>},
 * stored only as a SHA-256.
 */
package io.vigil.store.secret;
