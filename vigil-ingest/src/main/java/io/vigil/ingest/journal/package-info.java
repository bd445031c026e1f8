/**
 * The embedded durable journal: a segmented append-only file log behind
 * {@link io.vigil.core.journal.Journal}. {@link io.vigil.ingest.journal.SegmentedJournal} is the façade,
 * {@link io.vigil.ingest.journal.JournalConfig} its configuration.
 *
 * <h2>Directory layout</h2>
 * <pre>
 * journal.id                  random UUID written on first open; the journal's stable identity
 * journal.lock                held with an OS file lock while a process has the journal open
 * 00000000000000000000.log    segments, named by the 20-digit position of their first record
 * 00000000000000004711.log
 * &lt;consumer&gt;.offset           a consumer's committed position as decimal text ([a-z0-9-]{1,64})
 * quarantine/&lt;segment&gt;-&lt;offset&gt;.bin   unreadable bytes of a segment from that byte offset on
 * quarantine/&lt;segment&gt;-&lt;offset&gt;.tail  a torn tail cut off at recovery, kept for forensics
 * </pre>
 *
 * <h2>Record format (version 1, all integers big-endian)</h2>
 * <pre>
 * byte   magic/version   0xA1
 * int    length          payload bytes (41 .. 256 MiB; anything else is garbage, not a record)
 * int    crc             CRC32C of the payload
 * payload:
 *   long  tenant UUID, most significant bits
 *   long  tenant UUID, least significant bits
 *   short + UTF-8  source input      (unsigned length)
 *   short + UTF-8  source name
 *   short + UTF-8  source codec
 *   long  receivedAt epoch seconds
 *   int   receivedAt nanos
 *   int + bytes    the raw event bytes
 * </pre>
 * A position is the dense number of a record (like a Kafka offset), not a byte offset: the record at
 * byte 0 of {@code 00000000000000004711.log} has position 4711. Positions skip only where corruption
 * made records unreadable; the reader then hands on one corrupt entry for the whole unreadable run.
 *
 * <h2>Durability</h2>
 * One writer thread appends whole batches and calls {@code FileChannel.force(false)}; every append
 * waiting while a force runs shares the next one (group commit). An append's future completes only
 * after the force covering its records, and readers never see past the last force. A segment is
 * forced before the next one is created, so only the last segment can have a torn tail.
 *
 * <h2>Recovery</h2>
 * On open the last segment is scanned. A partial record, a length running past the end of the file,
 * a checksum mismatch in the final record, or unreadable bytes with no intact record behind them are a
 * torn tail: cut off, copied to {@code quarantine/<segment>-<offset>.tail} and counted as truncated
 * bytes. A checksum mismatch followed by a well-formed record is damage in place: the record keeps its
 * position and readers receive it as a corrupt entry. Unreadable bytes with an intact record somewhere
 * behind them are damage too: the segment is closed as it is and appends continue in a new segment
 * beyond every position those bytes can have held, so no position is ever given out twice.
 *
 * <p>Earlier segments are checked as they are read, not at open (start-up time must not grow with the
 * backlog): a record with a bad checksum or a payload that is no event becomes a corrupt entry; an
 * unreadable header sends the rest of its segment to {@code quarantine/<segment>-<offset>.bin}, readers
 * get one corrupt entry for it, and reading continues with the next segment. Corrupt records are counted
 * when first found, once per process.
 *
 * <h2>Consumers and retention</h2>
 * A consumer that ever opened a reader keeps its offset file and holds back retention until it commits.
 * A segment is deleted once every one of its records is below the lowest committed position; the last
 * segment never is. With no consumer at all nothing is deleted and everything counts as backlog.
 */
package io.vigil.ingest.journal;
