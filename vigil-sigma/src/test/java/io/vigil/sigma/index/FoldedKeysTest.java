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
    void anEmptyMapFindsNothing() {
        assertThat(new FoldedKeys(Map.of()).get("anything")).isNull();
        assertThat(new FoldedKeys(Map.of()).get("")).isNull();
    }
}
