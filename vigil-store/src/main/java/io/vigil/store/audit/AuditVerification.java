package io.vigil.store.audit;

/** What {@link AuditVerifier} found: an intact log, or the first bad entry and why. */
public sealed interface AuditVerification {

    /** One line for a person. */
    String describe();

    /**
     * Every entry links to the one before, every checkpoint is validly signed and matches the chain.
     *
     * @param entries       how many entries
     * @param checkpoints   how many checkpoints
     * @param lastSignedSeq the newest entry a checkpoint covers (0 if none); entries after it could be rewritten
     *                      by whoever holds the database without this being detectable
     */
    record Intact(long entries, long checkpoints, long lastSignedSeq) implements AuditVerification {
        @Override
        public String describe() {
            String tail = entries > lastSignedSeq
                    ? "; entries " + (lastSignedSeq + 1) + "-" + entries + " are not yet covered by a signed checkpoint"
                    : "";
            return "intact: " + entries + " entries, " + checkpoints + " signed checkpoints" + tail;
        }
    }

    /**
     * The log was tampered with.
     *
     * @param seq     the first bad entry (for {@link Problem#BAD_SIGNATURE} the forged checkpoint's seq)
     * @param problem what kind of tampering
     * @param detail  the evidence
     */
    record Broken(long seq, Problem problem, String detail) implements AuditVerification {
        @Override
        public String describe() {
            return "BROKEN at entry " + seq + " (" + problem.name().toLowerCase(java.util.Locale.ROOT) + "): " + detail;
        }
    }

    /** Kinds of tampering. */
    enum Problem {
        /** An entry's content differs from what was hashed and linked. */
        MODIFIED,
        /** One or more entries are missing from the middle. */
        DELETED,
        /** Entries are out of sequence order. */
        REORDERED,
        /** The log ends before the newest signed checkpoint. */
        TRUNCATED,
        /** The chain is consistent but differs from what a signed checkpoint covers: rewritten from some entry on. */
        REWRITTEN,
        /** A checkpoint's signature is not the trusted key's. */
        BAD_SIGNATURE
    }
}
