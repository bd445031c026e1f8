package io.vigil.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link KeyValues} on quoting, escapes and whitespace, and {@link Fields#putNew}. */
class KeyValuesTest {

    private static Map<String, Object> parse(KeyValues syntax, String text) {
        Map<String, Object> out = new LinkedHashMap<>();
        syntax.parse(text, new Fields(DecoderLimits.DEFAULTS), out);
        return out;
    }

    @Test
    void readsQuotedValuesWithAndWithoutEscapes() {
        assertThat(parse(KeyValues.WHITESPACE_EQUALS, "a=\"x y\" b='it\\'s' c=\"p\\\"q\\\\\"glued d=1 e=\"open"))
                .containsExactly(Map.entry("a", "x y"), Map.entry("b", "it's"), Map.entry("c", "p\"q\\"),
                        Map.entry("d", "1"), Map.entry("e", "open"));
        assertThat(parse(KeyValues.WHITESPACE_EQUALS, "a=\"x\\")).containsExactly(Map.entry("a", "x\\"));
    }

    @Test
    void splitsOnEveryKindOfWhitespaceAndKeepsTheFirstValue() {
        assertThat(parse(KeyValues.WHITESPACE_EQUALS, "a=1\tb=2\u2003c=3\u00a0d a=4 DF x=\u001fy"))
                .containsExactly(Map.entry("a", "1"), Map.entry("b", "2"), Map.entry("c", "3\u00a0d"), Map.entry("x", ""));
        assertThat(parse(new KeyValues(';', ':'), " a : 1 ; b:\"two\" ;c: 3 "))
                .containsExactly(Map.entry("a", "1"), Map.entry("b", "two"), Map.entry("c", "3"));
    }

    @Test
    void putNewPutsOnlyAbsentKeysAndUndoesWhatBreaksALimit() {
        Fields fields = new Fields(new DecoderLimits(1024, 3, 10, 4));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("kept", null);
        assertThat(fields.putNew(event, "kept", "x")).isFalse();
        assertThat(event).containsEntry("kept", null);
        assertThat(fields.putNew(event, "a", "1")).isTrue();
        assertThat(fields.putNew(event, "a", "2")).isFalse();
        assertThatThrownBy(() -> fields.putNew(event, "b", "x".repeat(11))).isInstanceOf(LimitExceeded.class);
        assertThat(event).containsOnlyKeys("kept", "a").containsEntry("a", "1");
    }
}
