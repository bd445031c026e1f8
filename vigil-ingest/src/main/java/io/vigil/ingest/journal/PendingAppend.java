package io.vigil.ingest.journal;

import java.util.concurrent.CompletableFuture;

/** Encoded frames waiting for the writer, and the future their sender waits on. */
record PendingAppend(byte[] frames, int records, CompletableFuture<Long> done) {
}
