package io.vigil.ingest.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyslogFrameDecoderTest {

    private static final int LIMIT = 480;

    private final EmbeddedChannel channel = new EmbeddedChannel(new SyslogFrameDecoder(LIMIT));

    private List<SyslogFrame> feed(String... chunks) {
        for (String chunk : chunks) {
            channel.writeInbound(Unpooled.wrappedBuffer(chunk.getBytes(StandardCharsets.ISO_8859_1)));
        }
        List<SyslogFrame> frames = new ArrayList<>();
        Object frame;
        while ((frame = channel.readInbound()) != null) {
            frames.add((SyslogFrame) frame);
        }
        return frames;
    }

    private static List<String> messages(List<SyslogFrame> frames) {
        return frames.stream().map(frame -> frame instanceof SyslogFrame.Message m
                ? new String(m.bytes(), StandardCharsets.ISO_8859_1) : "OVERSIZE").toList();
    }

    @Test
    void cutsLinesAndDropsLineEnds() {
        assertThat(messages(feed("<13>one\n<13>two\r\n\n<13>three\n"))).containsExactly("<13>one", "<13>two", "<13>three");
    }

    @Test
    void waitsForTheRestOfASplitLine() {
        assertThat(feed("<13>hal")).isEmpty();
        assertThat(messages(feed("f\n<1"))).containsExactly("<13>half");
        assertThat(messages(feed("4>x\n"))).containsExactly("<14>x");
    }

    @Test
    void readsOctetCountedFramesWithoutTheCount() {
        assertThat(messages(feed("9 <13>a b\nc5 <13>x"))).containsExactly("<13>a b\nc", "<13>x");
    }

    @Test
    void waitsForAnOctetCountedBodySplitAcrossReads() {
        assertThat(feed("12 <13>hel")).isEmpty();
        assertThat(feed("lo ")).isEmpty();
        assertThat(messages(feed("wo", "8 <13>next"))).containsExactly("<13>hello wo", "<13>next");
    }

    @Test
    void acceptsBothFramingsOnOneConnection() {
        assertThat(messages(feed("6 <13>ab<13>line\n7 <13>cde"))).containsExactly("<13>ab", "<13>line", "<13>cde");
    }

    @Test
    void readsADigitRunWithoutSpaceAsALine() {
        assertThat(messages(feed("2026-11-01 no pri\n1234567890123 long\n"))).containsExactly("2026-11-01 no pri", "1234567890123 long");
    }

    @Test
    void skipsAnOversizeLineAndKeepsItsHeadThenGoesOn() {
        String big = "<13>" + "x".repeat(LIMIT * 3);
        List<SyslogFrame> frames = feed(big.substring(0, 700), big.substring(700), "\n<13>after\n");
        assertThat(frames).hasSize(2);
        assertThat(frames.getFirst()).isInstanceOfSatisfying(SyslogFrame.Oversize.class, oversize -> {
            assertThat(oversize.head()).hasSize(LIMIT);
            assertThat(new String(oversize.head(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("<13>");
        });
        assertThat(messages(frames.subList(1, 2))).containsExactly("<13>after");
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void skipsAnOversizeOctetCountedFrameByItsDeclaredLength() {
        int length = LIMIT + 100;
        String body = "<13>" + "y".repeat(length - 4);
        List<SyslogFrame> frames = feed(length + " " + body.substring(0, 200), body.substring(200) + "5 <13>z");
        assertThat(frames).hasSize(2);
        assertThat(frames.getFirst()).isInstanceOfSatisfying(SyslogFrame.Oversize.class,
                oversize -> assertThat(oversize.length()).isEqualTo(length));
        assertThat(messages(frames.subList(1, 2))).containsExactly("<13>z");
    }

    @Test
    void neverBuffersMoreThanTheLimitWithoutALineEnd() {
        List<SyslogFrame> frames = feed("<13>" + "z".repeat(LIMIT * 10));
        assertThat(frames).singleElement().isInstanceOf(SyslogFrame.Oversize.class);
        assertThat(feed("still the same line")).isEmpty();
        assertThat(messages(feed("\n<13>ok\n"))).containsExactly("<13>ok");
    }
}
