/**
 * The pipeline runner: journal → decode → normalize → enrich → detect → outputs, with per-stage,
 * per-tenant metrics and a failure store for everything that cannot be processed.
 */
package io.vigil.ingest.pipeline;
