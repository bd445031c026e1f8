package io.vigil.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventIdTest {

    @Test
    void isDeterministicPerJournalPositionAndIndexSoReplaysAreIdempotent() {
        assertThat(EventId.of("journal-a", 42, 0)).isEqualTo(EventId.of("journal-a", 42, 0));
        assertThat(EventId.of("journal-a", 42, 0)).isNotEqualTo(EventId.of("journal-a", 42, 1));
        assertThat(EventId.of("journal-a", 42, 0)).isNotEqualTo(EventId.of("journal-a", 43, 0));
        assertThat(EventId.of("journal-a", 42, 0)).isNotEqualTo(EventId.of("journal-b", 42, 0));
    }

    @Test
    void roundTripsThroughText() {
        EventId id = EventId.of("j", 1, 2);
        assertThat(EventId.parse(id.toString())).isEqualTo(id);
    }
}
