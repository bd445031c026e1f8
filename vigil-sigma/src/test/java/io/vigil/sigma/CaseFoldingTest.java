package io.vigil.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CaseFoldingTest {

    /** The definition: each code point becomes {@code toLowerCase(toUpperCase(cp))}. */
    private static String byDefinition(String text) {
        StringBuilder folded = new StringBuilder();
        text.codePoints().forEach(cp -> folded.appendCodePoint(Character.toLowerCase(Character.toUpperCase(cp))));
        return folded.toString();
    }

    @Test
    void foldsEveryTextAsTheDefinitionSaysWhicheverPathItTakes() {
        // ASCII texts take the lower-case fast path, others the char-wise and code point paths; texts of 24 chars
        // and more are remembered per thread. Each must fold as the definition says.
        int[] alphabet = {'a', 'Z', 'k', 'K', '\\', ':', '0', 'µ', 'ÿ', 'À', 0x212A, 0x17F, 0x130, 0x131, 'ß', 0x1E9E,
            0x10400, 0x10428, 'Σ', 'ς'};
        int[] ascii = {'a', 'Z', 'k', 'K', '\\', ':', '0', ' ', 'E', 'x'};
        Random random = new Random(7);
        for (int round = 0; round < 5_000; round++) {
            int[] letters = random.nextBoolean() ? ascii : alphabet;
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                text.appendCodePoint(letters[random.nextInt(letters.length)]);
            }
            String original = text.toString();
            assertThat(CaseFolding.fold(original)).as(original).isEqualTo(byDefinition(original));
            assertThat(CaseFolding.fold(original)).as("folded again: " + original).isEqualTo(byDefinition(original));
        }
    }

    @Test
    void aTextThatNeedsNoFoldingIsReturnedAsItIs() {
        String lower = "c:\\windows\\system32\\cmd.exe /c whoami";
        assertThat(CaseFolding.fold(lower)).isSameAs(lower);
        assertThat(CaseFolding.fold("C:\\Windows\\System32\\CMD.EXE")).isEqualTo("c:\\windows\\system32\\cmd.exe");
    }
}
