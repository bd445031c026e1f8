package io.vigil.sigma.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.sigma.CaseFolding;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AhoCorasickTest {

    @Test
    void reportsEveryOccurrenceOfOverlappingPatterns() {
        AhoCorasick automaton = AhoCorasick.of(List.of("he", "she", "his", "hers"));
        List<Integer> found = new ArrayList<>();
        automaton.search("ushers", found::add);
        assertThat(found).containsExactlyInAnyOrder(0, 1, 3);
    }

    @Test
    void matchesSupplementaryCodePointsWhole() {
        String emoji = new String(Character.toChars(0x1F600));
        AhoCorasick automaton = AhoCorasick.of(List.of(emoji + "x", "\uD83Dx"));
        List<Integer> found = new ArrayList<>();
        automaton.search("a" + emoji + "xb", found::add);
        assertThat(found).containsExactly(0);
    }

    @Test
    void findsTheSameOccurrencesAsNaiveSearchOnRandomInput() {
        Random random = new Random(42);
        int[] alphabet = {'a', 'b', 'c', 'é', 0x1F600};
        for (int round = 0; round < 300; round++) {
            List<String> patterns = new ArrayList<>();
            for (int p = 0; p < 1 + random.nextInt(12); p++) {
                patterns.add(randomText(random, alphabet, 1 + random.nextInt(4)));
            }
            String text = randomText(random, alphabet, random.nextInt(40));
            List<Integer> found = new ArrayList<>();
            AhoCorasick.of(patterns).search(text, found::add);
            assertThat(found).as("%s in %s", patterns, text).containsExactlyInAnyOrderElementsOf(naive(patterns, text));
        }
    }

    @Test
    void searchingWhileFoldingFindsWhatSearchingTheFoldedTextFinds() {
        Random random = new Random(7);
        int[] alphabet = {'a', 'B', 'c', 'K', 0x212A, 'É', 'é', 0x17F, 'S', 0x1F600, 0x10400};
        for (int round = 0; round < 300; round++) {
            List<String> patterns = new ArrayList<>();
            for (int p = 0; p < 1 + random.nextInt(12); p++) {
                patterns.add(CaseFolding.fold(randomText(random, alphabet, 1 + random.nextInt(4))));
            }
            String text = randomText(random, alphabet, random.nextInt(40));
            AhoCorasick automaton = AhoCorasick.of(patterns);
            List<Integer> folding = new ArrayList<>();
            automaton.searchFolding(text, folding::add);
            assertThat(folding).as("%s in %s", patterns, text)
                    .containsExactlyInAnyOrderElementsOf(naive(patterns, CaseFolding.fold(text)));
        }
    }

    @Test
    void anAutomatonTooLargeForTheDenseTableFindsTheSame() {
        Random random = new Random(11);
        int[] alphabet = "abcdefghijklmnopqrstuvwxyz0123456789".chars().toArray();
        List<String> patterns = new ArrayList<>();
        for (int p = 0; p < 60_000; p++) {
            patterns.add(randomText(random, alphabet, 3 + random.nextInt(6)));
        }
        AhoCorasick automaton = AhoCorasick.of(patterns);
        assertThat(automaton.isDense()).isFalse();
        assertThat(AhoCorasick.of(patterns.subList(0, 100)).isDense()).isTrue();
        for (int round = 0; round < 20; round++) {
            String text = randomText(random, alphabet, 200) + patterns.get(random.nextInt(patterns.size()));
            List<Integer> found = new ArrayList<>();
            automaton.search(text, found::add);
            assertThat(found).containsExactlyInAnyOrderElementsOf(naive(patterns, text));
        }
    }

    @Test
    void rejectsEmptyPatterns() {
        assertThatThrownBy(() -> AhoCorasick.of(List.of("a", ""))).isInstanceOf(IllegalArgumentException.class);
    }

    static List<Integer> naive(List<String> patterns, String text) {
        List<Integer> found = new ArrayList<>();
        for (int id = 0; id < patterns.size(); id++) {
            for (int at = text.indexOf(patterns.get(id)); at >= 0; at = text.indexOf(patterns.get(id), at + 1)) {
                if (!Character.isLowSurrogate(text.charAt(at))) {
                    found.add(id);
                }
            }
        }
        return found;
    }

    static String randomText(Random random, int[] alphabet, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
        }
        return text.toString();
    }
}
