package io.vigil.sigma.index;

import java.util.List;
import java.util.function.IntConsumer;

/**
 * Finds which of a fixed list of literals occur in a text: every occurrence of every literal is reported once, by the
 * literal's position in the list. Literals and folded texts are case-folded ({@code io.vigil.sigma.CaseFolding}).
 * Immutable and thread-safe.
 */
sealed interface LiteralSearch permits AhoCorasick, AnchoredLiterals {

    /** Reports the id of every literal occurring in {@code text}, once per occurrence. */
    void search(String text, IntConsumer onLiteral);

    /** As {@link #search} over the case folding of {@code text}, without building the folded text. */
    void searchFolding(String text, IntConsumer onLiteral);

    /** A few ASCII literals are searched by anchors ({@link AnchoredLiterals}), the others by an automaton. */
    static LiteralSearch of(List<String> literals) {
        return AnchoredLiterals.suits(literals) ? new AnchoredLiterals(literals) : AhoCorasick.of(literals);
    }
}
