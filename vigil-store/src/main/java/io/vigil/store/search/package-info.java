/**
 * The embedded event store: {@link io.vigil.store.search.LuceneEventStore} (one Lucene index per tenant per UTC
 * day, the pipeline's output and the {@link io.vigil.core.search.EventStore} behind search, export, aggregation,
 * pivots and retro-hunts) and {@link io.vigil.store.search.RetentionPolicies} (each tenant's retention in days).
 * Query syntax and limits: docs/search.md.
 */
package io.vigil.store.search;
