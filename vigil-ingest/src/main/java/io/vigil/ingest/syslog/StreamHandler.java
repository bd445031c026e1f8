package io.vigil.ingest.syslog;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.ReadTimeoutException;
import io.vigil.core.error.TemporaryException;
import io.vigil.core.event.RawEvent;
import io.vigil.core.event.SourceRef;
import io.vigil.core.journal.Journal;
import io.vigil.ingest.admission.Admission;
import java.io.IOException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP or TLS connection after framing: tags each message with the connection's sender, batches the
 * messages of one read cycle and appends them to the journal. Nothing is decoded here.
 *
 * <p>Back-pressure: with {@code maxPendingAppends} appends in flight, or the journal refusing
 * ({@link TemporaryException}), the connection stops reading ({@code autoRead} off) so that TCP's window
 * pushes back to the sender; a refused batch is retried after the journal's hint (at most one second)
 * and reading resumes once the journal takes it. Messages are only held in memory for the batch being
 * appended, never queued without bound.
 */
final class StreamHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(StreamHandler.class);
    static final int MAX_BATCH = 1000;
    private static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(1);

    private final String input;
    private final SyslogServer.Context context;
    private Sender sender;
    private SourceRef source;
    private List<RawEvent> batch = new ArrayList<>();
    private int pendingAppends;
    private boolean retrying;
    /** One receive time per read cycle: the messages of one cycle arrived together (and the clock is not free). */
    private java.time.Instant cycleTime;

    StreamHandler(String input, Sender plainSender, SyslogServer.Context context) {
        this.input = input;
        this.context = context;
        if (plainSender != null) {
            identify(plainSender);
        }
    }

    private void identify(Sender identified) {
        this.sender = identified;
        this.source = identified.source(input);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent completion) {
            if (!completion.isSuccess()) {
                context.metrics().refused(input, "handshake");
                LOG.debug("TLS handshake from {} failed: {}", ctx.channel().remoteAddress(), completion.cause().toString());
                ctx.close();
                return;
            }
            Sender identified = senderOf(ctx);
            if (identified == null) {
                ctx.close();
                return;
            }
            identify(identified);
            ctx.channel().attr(SyslogServer.SENDER).set(identified);
        }
        super.userEventTriggered(ctx, event);
    }

    /** The sender of the verified client certificate; the handshake already refused anything else. */
    private Sender senderOf(ChannelHandlerContext ctx) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        try {
            Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
            X509Certificate leaf = (X509Certificate) chain[0];
            ctx.channel().attr(SyslogServer.SERIAL).set(leaf.getSerialNumber());
            return switch (context.verifier().verify(leaf)) {
                case CollectorVerifier.Verdict.Accepted accepted -> accepted.sender();
                case CollectorVerifier.Verdict.Refused refused -> {
                    context.metrics().refused(input, "certificate");
                    LOG.info("Syslog TLS client {} refused: {}", ctx.channel().remoteAddress(), refused.reason());
                    yield null;
                }
            };
        } catch (SSLPeerUnverifiedException e) {
            context.metrics().refused(input, "certificate");
            return null;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (sender == null) {
            return; // nothing is read before the handshake names the sender; belt and braces
        }
        switch ((SyslogFrame) msg) {
            case SyslogFrame.Message message -> {
                if (message.bytes().length > 0) {
                    if (cycleTime == null) {
                        cycleTime = context.clock().instant();
                    }
                    batch.add(new RawEvent(sender.tenant(), source, cycleTime, message.bytes()));
                    if (batch.size() >= MAX_BATCH) {
                        flush(ctx);
                    }
                }
            }
            case SyslogFrame.Oversize oversize -> {
                context.metrics().oversize(input, sender.tenant());
                context.failures().oversize(sender, input, context.clock().instant(), oversize.head(), oversize.length(),
                        context.config().maxFrameBytes());
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        cycleTime = null;
        flush(ctx);
        ctx.fireChannelReadComplete();
    }

    private void flush(ChannelHandlerContext ctx) {
        if (batch.isEmpty() || retrying) {
            return;
        }
        List<RawEvent> events = batch;
        batch = new ArrayList<>();
        append(ctx, events);
    }

    private void append(ChannelHandlerContext ctx, List<RawEvent> events) {
        if (context.admit(sender.tenant(), input, events.size()) instanceof Admission.Refused refused) {
            // Over the tenant's rate: hold this batch and stop reading until its bucket refills; the sender waits.
            hold(ctx, events, refused.retryAfter());
            return;
        }
        pendingAppends++;
        if (pendingAppends >= context.config().maxPendingAppends()) {
            ctx.channel().config().setAutoRead(false);
        }
        try {
            context.journal().append(events).whenComplete((position, error) ->
                    ctx.executor().execute(() -> appended(ctx, events, error)));
        } catch (RuntimeException e) {
            appended(ctx, events, e);
        }
    }

    private void appended(ChannelHandlerContext ctx, List<RawEvent> events, Throwable error) {
        pendingAppends--;
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause == null) {
            context.metrics().received(input, sender.tenant(), events.size());
            if (!retrying && pendingAppends < context.config().maxPendingAppends()) {
                ctx.channel().config().setAutoRead(true);
                flush(ctx); // messages framed while this append was held back
            }
            return;
        }
        if (!ctx.channel().isActive()) {
            return;
        }
        if (cause instanceof TemporaryException temporary) {
            // Journal full: hold this batch, stop reading, and try again; the sender waits on TCP.
            hold(ctx, events, temporary.retryAfter());
            return;
        }
        // A record over the journal's own limit or a broken journal: nothing to retry on this connection.
        LOG.error("Journal append failed for syslog from {}; closing the connection", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }

    /** Stops reading and offers the batch again after {@code retryAfter} (at most {@link #MAX_RETRY_WAIT}). */
    private void hold(ChannelHandlerContext ctx, List<RawEvent> events, Duration retryAfter) {
        retrying = true;
        ctx.channel().config().setAutoRead(false);
        Duration wait = retryAfter == null || retryAfter.compareTo(MAX_RETRY_WAIT) > 0 ? MAX_RETRY_WAIT : retryAfter;
        ctx.executor().schedule(() -> {
            retrying = false;
            if (ctx.channel().isActive()) {
                append(ctx, events);
            }
        }, Math.max(10, wait.toMillis()), TimeUnit.MILLISECONDS);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException) && !(cause instanceof ReadTimeoutException)
                && !(cause.getCause() instanceof javax.net.ssl.SSLException)) {
            LOG.warn("Syslog {} connection from {} failed", input, ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
