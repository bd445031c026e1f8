package io.vigil.sigma.index;

import static io.vigil.sigma.index.AhoCorasickTest.naive;
import static io.vigil.sigma.index.AhoCorasickTest.randomText;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.sigma.CaseFolding;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnchoredLiteralsTest {

    @Test
    void reportsEveryOccurrenceOfOverlappingLiterals() {
        AnchoredLiterals literals = new AnchoredLiterals(List.of("he", "she", "his", "hers"));
        List<Integer> found = new ArrayList<>();
        literals.search("ushers", found::add);
        assertThat(found).containsExactlyInAnyOrder(0, 1, 3);
        found.clear();
        literals.search("hehe", found::add);
        assertThat(found).containsExactly(0, 0);
    }

    @Test
    void findsTheSameOccurrencesAsNaiveSearchOnRandomInput() {
        Random random = new Random(42);
        int[] alphabet = {'a', 'b', 'c', ':', '.', '\\'};
        for (int round = 0; round < 2000; round++) {
            List<String> literals = new ArrayList<>();
            for (int p = 0; p < 1 + random.nextInt(20); p++) {
                literals.add(randomText(random, alphabet, 2 + random.nextInt(5)));
            }
            String text = randomText(random, alphabet, random.nextInt(60));
            List<Integer> found = new ArrayList<>();
            new AnchoredLiterals(literals).search(text, found::add);
            assertThat(found).as("%s in %s", literals, text).containsExactlyInAnyOrderElementsOf(naive(literals, text));
        }
    }

    /** Uppercase letters fold; characters outside ASCII (some fold into it, like the Kelvin sign) go to the automaton. */
    @Test
    void searchingWhileFoldingFindsWhatSearchingTheFoldedTextFinds() {
        Random random = new Random(7);
        int[] alphabet = {'a', 'B', 'c', 'K', 'k', 's', 'S', ':', 0x212A, 0x17F, 'é', 0x1F600};
        int[] literalAlphabet = {'a', 'b', 'c', 'k', 's', ':'};
        for (int round = 0; round < 2000; round++) {
            List<String> literals = new ArrayList<>();
            for (int p = 0; p < 1 + random.nextInt(12); p++) {
                literals.add(randomText(random, literalAlphabet, 2 + random.nextInt(4)));
            }
            String text = randomText(random, alphabet, random.nextInt(40));
            List<Integer> folding = new ArrayList<>();
            new AnchoredLiterals(literals).searchFolding(text, folding::add);
            assertThat(folding).as("%s in %s", literals, text)
                    .containsExactlyInAnyOrderElementsOf(naive(literals, CaseFolding.fold(text)));
        }
    }

    @Test
    void fewAsciiLiteralsAreAnchoredAndTheRestGoToTheAutomaton() {
        assertThat(LiteralSearch.of(List.of("mimikatz", "sekurlsa::"))).isInstanceOf(AnchoredLiterals.class);
        assertThat(LiteralSearch.of(List.of("mimikatz", "x"))).as("one character").isInstanceOf(AhoCorasick.class);
        assertThat(LiteralSearch.of(List.of("mimikatz", "café"))).as("not ASCII").isInstanceOf(AhoCorasick.class);
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= AnchoredLiterals.MAX_LITERALS; i++) {
            many.add("literal" + i);
        }
        assertThat(LiteralSearch.of(many)).isInstanceOf(AhoCorasick.class);
    }

    @Test
    void anchorsOnTheRarestPair() {
        // "::" is rarer in log text than any pair of common letters.
        assertThat(AnchoredLiterals.weight(':') * AnchoredLiterals.weight(':'))
                .isLessThan(AnchoredLiterals.weight('s') * AnchoredLiterals.weight('e'));
    }
}
