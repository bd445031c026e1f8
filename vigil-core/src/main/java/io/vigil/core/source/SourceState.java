package io.vigil.core.source;

/** How a source is doing against its expected heartbeat or learned baseline. */
public enum SourceState {
    /** Sending as expected, or nothing is expected of it yet (no heartbeat, no baseline learned). */
    OK,
    /** Nothing received for longer than its heartbeat, or for a whole hour while its baseline expects events. */
    SILENT,
    /** Last complete hour far below the learned baseline. */
    BELOW_BASELINE
}
