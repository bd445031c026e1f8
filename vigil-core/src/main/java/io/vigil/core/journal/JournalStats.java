package io.vigil.core.journal;

/**
 * @param nextPosition      position the next append will get
 * @param committedPosition lowest committed position over all consumers
 * @param backlogBytes      bytes appended but not yet committed by every consumer
 * @param diskBytes         bytes the journal occupies on disk
 * @param corruptRecords    records found corrupt since start (quarantined, handed on as corruptions)
 * @param truncatedBytes    bytes cut from torn segment tails at recovery since start
 * @param fsyncs            forces to stable storage since start (appends per fsync shows group commit at work)
 */
public record JournalStats(long nextPosition, long committedPosition, long backlogBytes, long diskBytes,
                           long corruptRecords, long truncatedBytes, long fsyncs) {
}
