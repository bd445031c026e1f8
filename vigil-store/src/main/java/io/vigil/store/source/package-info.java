/** Log-source health as persisted: {@link io.vigil.store.source.LogSources} (counters, heartbeat) and {@link io.vigil.store.source.SourceSignals} ("log source silent"). */
package io.vigil.store.source;
