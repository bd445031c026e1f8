package io.vigil.server.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BoundedLineReaderTest {

    @Test
    void framesLinesWhateverChunksTheInputArrivesIn() throws IOException {
        Random random = new Random(5);
        for (int round = 0; round < 500; round++) {
            StringBuilder text = new StringBuilder();
            for (int line = random.nextInt(30); line > 0; line--) {
                int length = random.nextInt(10) == 0 ? 70_000 + random.nextInt(3) : random.nextInt(40);
                for (int i = 0; i < length; i++) {
                    text.append((char) ('a' + random.nextInt(26)));
                }
                text.append(random.nextInt(4) == 0 ? "\r\n" : "\n");
            }
            if (random.nextBoolean()) {
                text.append("last line without newline");
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
            int maxLine = random.nextBoolean() ? 70_001 : 1_000_000;
            assertThat(read(new Chunked(bytes, 1 + random.nextInt(100_000), random), maxLine))
                    .as("round %d", round).isEqualTo(expected(text.toString(), maxLine));
        }
    }

    /** Each line as its text, or "<too long>". */
    private static List<String> read(InputStream in, int maxLine) throws IOException {
        BoundedLineReader reader = new BoundedLineReader(in, maxLine);
        List<String> lines = new ArrayList<>();
        while (reader.next()) {
            lines.add(reader.tooLong() ? "<too long>"
                    : new String(reader.bytes(), reader.offset(), reader.length(), StandardCharsets.US_ASCII));
            assertThat(reader.number()).isEqualTo(lines.size());
        }
        return lines;
    }

    private static List<String> expected(String text, int maxLine) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        return lines.stream().map(l -> l.length() > maxLine ? "<too long>" : l.endsWith("\r") ? l.substring(0, l.length() - 1) : l)
                .toList();
    }

    /** Hands out the bytes in chunks of random sizes up to a bound, as sockets and gzip streams do. */
    private static final class Chunked extends InputStream {
        private final ByteArrayInputStream bytes;
        private final int most;
        private final Random random;

        Chunked(byte[] bytes, int most, Random random) {
            this.bytes = new ByteArrayInputStream(bytes);
            this.most = most;
            this.random = random;
        }

        @Override
        public int read() {
            return bytes.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return bytes.read(b, off, Math.min(len, 1 + random.nextInt(most)));
        }
    }
}
