/**
 * Log-source health in the server: the registry fed by the pipeline, restored from and persisted to the database,
 * the "log source silent" signals stored and handed to every {@link io.vigil.core.source.SourceSilenceListener}
 * bean, and the API at {@code /api/v1/tenants/{tenant}/sources} ({@link io.vigil.server.sources.SourcesWiring}).
 */
package io.vigil.server.sources;
