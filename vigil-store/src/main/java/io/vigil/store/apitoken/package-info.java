/**
 * Bearer tokens for the REST API. For now they belong to platform administration (no tenant); per-user
 * tokens come later.
 */
package io.vigil.store.apitoken;
