package io.vigil.ingest.normalize;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A closed set of OCSF values (action, status, severity…) and the source words that mean each of them, from
 * the mapping's {@code vocabularies}. {@code idTarget} receives the OCSF id beside the name.
 */
record Vocabulary(String name, String idTarget, Map<String, String> canonicalByWord, Map<String, Integer> ids) {

    Vocabulary {
        canonicalByWord = Map.copyOf(canonicalByWord);
        ids = Map.copyOf(ids);
    }

    static Vocabulary of(String name, String idTarget, Map<String, Iterable<String>> words, Map<String, Integer> ids) {
        Map<String, String> byWord = new HashMap<>();
        words.forEach((canonical, list) -> list.forEach(word -> byWord.put(word.toLowerCase(Locale.ROOT), canonical)));
        return new Vocabulary(name, idTarget, byWord, ids);
    }

    /** The canonical name for a source value, or null when the word is not known. */
    String canonical(Object value) {
        if (value == null || value instanceof Map<?, ?> || value instanceof java.util.List<?>) {
            return null;
        }
        String text = String.valueOf(value).strip();
        if (text.length() > 64) {
            return null;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        String found = canonicalByWord.get(lower);
        return found != null ? found : ids.containsKey(text) ? text : null;
    }
}
