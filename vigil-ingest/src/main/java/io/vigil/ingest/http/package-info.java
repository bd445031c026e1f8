/**
 * HTTP bulk ingest: {@code POST /ingest/v1/events} with NDJSON or a JSON array (gzip accepted),
 * authenticated by a tenant's ingest key, answered 202 once durable in the journal.
 */
package io.vigil.ingest.http;
