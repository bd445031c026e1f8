package io.vigil.sigma.index;

import static io.vigil.sigma.index.AhoCorasickTest.randomText;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.sigma.CaseFolding;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FoldedKeysTest {

    @Test
    void findsWhatAMapOfFoldedKeysFindsForTheFoldedText() {
        Random random = new Random(3);
        int[] alphabet = {'a', 'B', 'c', 'K', 'k', 's', 'S', '\\', 0x212A, 0x17F, 'é', 'É', 0x1F600};
        for (int round = 0; round < 300; round++) {
            Map<String, int[]> entries = new HashMap<>();
            for (int k = 0; k < random.nextInt(40); k++) {
                entries.put(CaseFolding.fold(randomText(random, alphabet, random.nextInt(5))), new int[] {k});
            }
            FoldedKeys keys = new FoldedKeys(entries);
            for (int probe = 0; probe < 50; probe++) {
                String text = randomText(random, alphabet, random.nextInt(5));
                assertThat(keys.get(text)).as("%s in %s", text, entries.keySet())
                        .isSameAs(entries.get(CaseFolding.fold(text)));
            }
        }
    }

    @Test
    void keysWithAsciiEndsAreFoundByTextsWhoseEndsFoldIntoThem() {
        // All keys start and end in ASCII, so a text with ASCII ends is ruled out by its ends alone; a text whose
        // ends are the Kelvin sign or the long s, which fold to k and s, must still be found.
        Random random = new Random(5);
        int[] ends = {'a', 'k', 's', 'K', 'S', '\\'};
        int[] alphabet = {'a', 'B', 'c', 'K', 'k', 's', 'S', '\\', 0x212A, 0x17F, 'é', 'É', 0x1F600};
        for (int round = 0; round < 300; round++) {
            Map<String, int[]> entries = new HashMap<>();
            for (int k = 0; k < 1 + random.nextInt(20); k++) {
                entries.put(CaseFolding.fold(randomText(random, ends, 1) + randomText(random, alphabet,
                        random.nextInt(3)) + randomText(random, ends, 1)), new int[] {k});
            }
            FoldedKeys keys = new FoldedKeys(entries);
            for (int probe = 0; probe < 50; probe++) {
                String text = randomText(random, alphabet, 2 + random.nextInt(3));
                assertThat(keys.get(text)).as("%s in %s", text, entries.keySet())
                        .isSameAs(entries.get(CaseFolding.fold(text)));
            }
        }
        FoldedKeys keys = new FoldedKeys(Map.of("kiwi.exe", new int[] {1}, "sekurlsa", new int[] {2}));
        assertThat(keys.get("\u212AIWI.EXE")).containsExactly(1);
        assertThat(keys.get("SEKURLS\u0041")).containsExactly(2);
        assertThat(keys.get("\u017Fekurl\u017Fa")).as("long s, first and inside").containsExactly(2);
        assertThat(keys.get("kiwi.ex")).isNull();
    }

    @Test
    void anEmptyMapFindsNothing() {
        assertThat(new FoldedKeys(Map.of()).get("anything")).isNull();
        assertThat(new FoldedKeys(Map.of()).get("")).isNull();
    }
}
