package io.vigil.ingest.syslog;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.vigil.core.event.RawEvent;
import io.vigil.core.tenant.TenantId;
import io.vigil.ingest.admission.Admission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plain syslog over UDP: one datagram is one message (a trailing line feed is dropped). The sender's
 * address decides the tenant through the declared source networks; unknown senders are refused and
 * counted. UDP cannot push back, so when the journal refuses, too many appends are in flight or the tenant is
 * over its rate the datagrams are dropped and counted per tenant ({@code vigil.ingest.syslog.dropped}).
 */
final class DatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    static final String INPUT = "syslog-udp";

    private final SyslogServer.Context context;
    private final SenderResolver resolver;
    private List<RawEvent> batch = new ArrayList<>();
    private int pendingAppends;

    DatagramHandler(SyslogServer.Context context, SenderResolver resolver) {
        this.context = context;
        this.resolver = resolver;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        Optional<SenderResolver.NetworkMatch> match = resolver.resolve(packet.sender().getAddress());
        if (match.isEmpty()) {
            context.metrics().refused(INPUT, "unknown-sender");
            return;
        }
        Sender sender = new Sender(match.get().tenant(), packet.sender().getAddress().getHostAddress(),
                match.get().codec() == null ? context.config().codec() : match.get().codec());
        ByteBuf content = packet.content();
        int length = content.readableBytes();
        while (length > 0 && (content.getByte(content.readerIndex() + length - 1) == '\n'
                || content.getByte(content.readerIndex() + length - 1) == 0)) {
            length--;
        }
        if (length == 0) {
            return;
        }
        Instant now = context.clock().instant();
        if (length > context.config().maxFrameBytes()) {
            byte[] head = new byte[context.config().maxFrameBytes()];
            content.getBytes(content.readerIndex(), head);
            context.metrics().oversize(INPUT, sender.tenant());
            context.failures().oversize(sender, INPUT, now, head, length, context.config().maxFrameBytes());
            return;
        }
        if (context.admit(sender.tenant(), INPUT, 1) instanceof Admission.Refused) {
            context.metrics().dropped(INPUT, sender.tenant(), 1); // over the tenant's rate; UDP cannot push back
            return;
        }
        byte[] bytes = new byte[length];
        content.getBytes(content.readerIndex(), bytes);
        batch.add(new RawEvent(sender.tenant(), sender.source(INPUT), now, bytes));
        if (batch.size() >= StreamHandler.MAX_BATCH) {
            flush(ctx);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flush(ctx);
    }

    private void flush(ChannelHandlerContext ctx) {
        if (batch.isEmpty()) {
            return;
        }
        List<RawEvent> events = batch;
        batch = new ArrayList<>();
        if (pendingAppends >= context.config().udpMaxPendingAppends()) {
            dropped(events);
            return;
        }
        pendingAppends++;
        try {
            context.journal().append(events).whenComplete((position, error) -> ctx.executor().execute(() -> {
                pendingAppends--;
                if (error == null) {
                    received(events);
                } else {
                    dropped(events);
                }
            }));
        } catch (RuntimeException e) {
            pendingAppends--;
            dropped(events);
        }
    }

    private void received(List<RawEvent> events) {
        perTenant(events).forEach((tenant, count) -> context.metrics().received(INPUT, tenant, count));
    }

    private void dropped(List<RawEvent> events) {
        perTenant(events).forEach((tenant, count) -> context.metrics().dropped(INPUT, tenant, count));
    }

    private static Map<TenantId, Integer> perTenant(List<RawEvent> events) {
        Map<TenantId, Integer> counts = new HashMap<>();
        for (RawEvent event : events) {
            counts.merge(event.tenant(), 1, Integer::sum);
        }
        return counts;
    }
}
