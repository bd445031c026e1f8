package io.vigil.ingest.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * Hostile streams through the syslog framer in random chunks: it never throws, never emits a frame over
 * the limit and never holds more than the limit (plus a count) in its buffer. In the build this runs in
 * regression mode over the inputs in {@code src/test/resources/.../SyslogFrameDecoderFuzzTestInputs};
 * for longer fuzzing see docs/collection.md.
 */
class SyslogFrameDecoderFuzzTest {

    private static final int LIMIT = 512;

    @FuzzTest(maxDuration = "30s")
    void framesAnyStreamWithinBounds(FuzzedDataProvider data) {
        EmbeddedChannel channel = new EmbeddedChannel(new SyslogFrameDecoder(LIMIT));
        while (data.remainingBytes() > 0) {
            byte[] chunk = data.consumeBytes(data.consumeInt(1, 2048));
            channel.writeInbound(Unpooled.wrappedBuffer(chunk));
            Object frame;
            while ((frame = channel.readInbound()) != null) {
                switch ((SyslogFrame) frame) {
                    case SyslogFrame.Message message -> assertThat(message.bytes().length).isLessThanOrEqualTo(LIMIT);
                    case SyslogFrame.Oversize oversize -> assertThat(oversize.head().length).isLessThanOrEqualTo(LIMIT);
                }
            }
        }
        channel.finishAndReleaseAll();
    }

    @FuzzTest(maxDuration = "30s")
    void octetCountedFramesRoundTrip(FuzzedDataProvider data) {
        EmbeddedChannel channel = new EmbeddedChannel(new SyslogFrameDecoder(LIMIT));
        byte[] body = data.consumeBytes(LIMIT);
        int end = body.length;
        while (end > 0 && (body[end - 1] == '\n' || body[end - 1] == '\r')) {
            end--;
        }
        if (end == 0) {
            return;
        }
        ByteBuf frame = Unpooled.buffer();
        frame.writeBytes((body.length + " ").getBytes(java.nio.charset.StandardCharsets.US_ASCII)).writeBytes(body);
        int split = data.consumeInt(0, frame.readableBytes());
        channel.writeInbound(frame.retainedSlice(0, split));
        channel.writeInbound(frame.retainedSlice(split, frame.readableBytes() - split));
        frame.release();
        SyslogFrame.Message message = channel.readInbound();
        assertThat(message.bytes()).isEqualTo(java.util.Arrays.copyOf(body, end));
        channel.finishAndReleaseAll();
    }
}
