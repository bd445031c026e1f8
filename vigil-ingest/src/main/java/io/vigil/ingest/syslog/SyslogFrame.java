package io.vigil.ingest.syslog;

/** What the framer cuts from a stream: a message, or the kept head of one that was too long. */
sealed interface SyslogFrame {

    /** One syslog message, without its octet-count prefix or trailing line feed. */
    record Message(byte[] bytes) implements SyslogFrame {
    }

    /**
     * A message over the frame limit. Its first bytes are kept for the failure store; the rest was
     * skipped and the stream continues with the next frame.
     *
     * @param length the declared length (octet counting), or {@code -1} when the line had no end within the limit
     */
    record Oversize(byte[] head, long length) implements SyslogFrame {
    }
}
