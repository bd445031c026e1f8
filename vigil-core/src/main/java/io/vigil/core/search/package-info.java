/**
 * The event store SPI: every query names a tenant and a time range, so that no query form reaches another
 * tenant's events or an unbounded span of time. {@code LuceneEventStore} (vigil-store) implements it embedded;
 * a distributed adapter (OpenSearch) implements the same interface.
 */
package io.vigil.core.search;
