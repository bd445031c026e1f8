package io.vigil.core.event;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * Identity of one event. Derived deterministically from where the journal holds the raw bytes, so that
 * replaying the journal after a crash yields the same ids and outputs can write idempotently.
 */
public record EventId(UUID value) {

    public EventId {
        Objects.requireNonNull(value, "event id");
    }

    /** The id of the {@code index}-th event decoded from the journal record at {@code position}. */
    public static EventId of(String journalId, long position, int index) {
        byte[] name = journalId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(name.length + Long.BYTES + Integer.BYTES);
        buffer.put(name).putLong(position).putInt(index);
        return new EventId(UUID.nameUUIDFromBytes(buffer.array()));
    }

    public static EventId parse(String text) {
        return new EventId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
