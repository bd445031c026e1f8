package io.vigil.ingest.syslog;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.vigil.core.journal.Journal;
import io.vigil.core.pipeline.FailureStore;
import io.vigil.core.tenant.TenantId;
import io.vigil.ingest.admission.Admission;
import io.vigil.ingest.admission.TenantAdmission;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The syslog listeners: UDP, TCP and TLS (RFC 5425, mutual TLS), each started when its port is configured.
 * Netty only frames ({@link SyslogFrameDecoder}), terminates TLS, identifies the tenant (source network
 * for plain listeners, client certificate for TLS) and counts; {@link StreamHandler} and
 * {@link DatagramHandler} hand {@code RawEvent}s to the journal. Decoding happens in the pipeline.
 */
public final class SyslogServer implements AutoCloseable {

    public static final String INPUT_UDP = DatagramHandler.INPUT;
    /** Longest wait for one connection to close in {@link #disconnect(BigInteger)}. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    public static final String INPUT_TCP = "syslog-tcp";
    public static final String INPUT_TLS = "syslog-tls";

    static final AttributeKey<Sender> SENDER = AttributeKey.valueOf("vigil.syslog.sender");
    static final AttributeKey<BigInteger> SERIAL = AttributeKey.valueOf("vigil.syslog.serial");
    private static final Logger LOG = LoggerFactory.getLogger(SyslogServer.class);

    /** What every handler of the listeners shares. */
    record Context(SyslogConfig config, Journal journal, SyslogMetrics metrics, FailureSink failures,
                   CollectorVerifier verifier, TenantAdmission admission, Clock clock) {

        /** Whether the tenant may hand {@code events} more events to the journal now (no admission: always). */
        Admission admit(TenantId tenant, String input, int events) {
            return admission == null ? Admission.ADMITTED : admission.admit(tenant, input, events);
        }
    }

    private final SyslogConfig config;
    private final SenderResolver networks;
    private final SslContext tls;
    private final Context context;
    private final ChannelGroup connections = new DefaultChannelGroup("syslog", GlobalEventExecutor.INSTANCE);
    private final AtomicInteger open = new AtomicInteger();
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel udp;
    private Channel tcp;
    private Channel tlsChannel;

    /**
     * @param networks maps plain senders to tenants (UDP and TCP)
     * @param tls      the server context for the TLS listener, requiring client certificates that chain
     *                 to the MSSP CA (see {@code io.vigil.ingest.tls.TlsContexts}); null when TLS is off
     * @param verifier decides, per certificate, the tenant and whether it is revoked
     */
    public SyslogServer(SyslogConfig config, Journal journal, SenderResolver networks, SslContext tls,
                        CollectorVerifier verifier, FailureStore failures, MeterRegistry registry, Clock clock) {
        this(config, journal, networks, tls, verifier, failures, registry, clock, null);
    }

    /**
     * @param admission per-tenant rate limits ({@code null}: none). A TCP or TLS connection over its tenant's rate
     *                  stops reading until the bucket refills (the sender waits); UDP datagrams over it are dropped
     *                  and counted.
     */
    public SyslogServer(SyslogConfig config, Journal journal, SenderResolver networks, SslContext tls,
                        CollectorVerifier verifier, FailureStore failures, MeterRegistry registry, Clock clock,
                        TenantAdmission admission) {
        this.config = Objects.requireNonNull(config, "config");
        this.networks = Objects.requireNonNull(networks, "networks");
        if (config.tlsPort() != null && (tls == null || verifier == null)) {
            throw new IllegalArgumentException("the TLS listener needs a TLS context and a collector verifier");
        }
        this.tls = tls;
        this.context = new Context(config, journal, new SyslogMetrics(registry), new FailureSink(failures),
                verifier, admission, clock);
        Gauge.builder("vigil.ingest.syslog.connections", open, AtomicInteger::get)
                .description("Open syslog TCP and TLS connections").register(registry);
    }

    public synchronized void start() throws InterruptedException {
        if (!config.anyEnabled() || boss != null) {
            return;
        }
        boss = new NioEventLoopGroup(1, new DefaultThreadFactory("vigil-ingest-syslog-accept", true));
        workers = new NioEventLoopGroup(0, new DefaultThreadFactory("vigil-ingest-syslog-io", true));
        if (config.udpPort() != null) {
            udp = new Bootstrap().group(workers).channel(NioDatagramChannel.class)
                    .option(ChannelOption.SO_RCVBUF, 4 * 1024 * 1024)
                    // one datagram of up to 64 KiB per read, so a long one is seen whole and counted as oversize
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(65_536))
                    .handler(new DatagramHandler(context, networks))
                    .bind(config.bindAddress(), config.udpPort()).sync().channel();
            LOG.info("Syslog UDP listening on {}", udp.localAddress());
        }
        if (config.tcpPort() != null) {
            tcp = listen(config.tcpPort(), INPUT_TCP, false);
            LOG.info("Syslog TCP listening on {}", tcp.localAddress());
        }
        if (config.tlsPort() != null) {
            tlsChannel = listen(config.tlsPort(), INPUT_TLS, true);
            LOG.info("Syslog TLS listening on {}", tlsChannel.localAddress());
        }
    }

    private Channel listen(int port, String input, boolean secure) throws InterruptedException {
        ConnectionLimit limit = new ConnectionLimit(input);
        return new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        Sender plain = null;
                        if (!secure) {
                            Optional<SenderResolver.NetworkMatch> match = networks.resolve(ch.remoteAddress().getAddress());
                            if (match.isEmpty()) {
                                context.metrics().refused(input, "unknown-sender");
                                ch.close();
                                return;
                            }
                            plain = new Sender(match.get().tenant(), ch.remoteAddress().getAddress().getHostAddress(),
                                    match.get().codec() == null ? config.codec() : match.get().codec());
                            ch.attr(SENDER).set(plain);
                        }
                        ch.pipeline().addLast(limit);
                        if (secure) {
                            SslHandler ssl = tls.newHandler(ch.alloc());
                            ssl.setHandshakeTimeoutMillis(config.handshakeTimeout().toMillis());
                            ch.pipeline().addLast(ssl);
                        }
                        ch.pipeline()
                                .addLast(new ReadTimeoutHandler(config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                                .addLast(new SyslogFrameDecoder(config.maxFrameBytes()))
                                .addLast(new StreamHandler(input, plain, context));
                    }
                })
                .bind(config.bindAddress(), port).sync().channel();
    }

    /** Counts open connections and closes those beyond {@link SyslogConfig#maxConnections()}. */
    @ChannelHandler.Sharable
    private final class ConnectionLimit extends ChannelInboundHandlerAdapter {
        private final String input;

        ConnectionLimit(String input) {
            this.input = input;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            if (open.incrementAndGet() > config.maxConnections()) {
                context.metrics().refused(input, "connections");
                ctx.close();
                return;
            }
            connections.add(ctx.channel());
            super.channelActive(ctx);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            open.decrementAndGet();
            super.channelInactive(ctx);
        }
    }

    /**
     * Closes the open TLS connections whose client certificate has this serial: a revocation then stops a
     * collector that is already connected, not only its next handshake.
     *
     * @return how many connections were closed
     */
    public int disconnect(BigInteger serial) {
        return disconnect(channel -> serial.equals(channel.attr(SERIAL).get()));
    }

    /** Closes the open connections that send for tenants matching the test (e.g. a suspended tenant). */
    public int disconnectSenders(Predicate<Sender> test) {
        return disconnect(channel -> {
            Sender sender = channel.attr(SENDER).get();
            return sender != null && test.test(sender);
        });
    }

    /**
     * Closes the matching connections and waits (at most {@link #CLOSE_WAIT} each) until they are closed, so that
     * nothing the peer writes after this returns is read. Must not run on an event-loop thread.
     */
    private int disconnect(Predicate<Channel> test) {
        List<ChannelFuture> closing = new ArrayList<>();
        for (Channel channel : connections) {
            if (test.test(channel)) {
                closing.add(channel.close());
            }
        }
        for (ChannelFuture close : closing) {
            close.awaitUninterruptibly(CLOSE_WAIT.toMillis());
        }
        return closing.size();
    }

    /** The bound port of a listener, empty when it is off. */
    public synchronized Optional<Integer> port(String input) {
        Channel channel = switch (input) {
            case INPUT_UDP -> udp;
            case INPUT_TCP -> tcp;
            case INPUT_TLS -> tlsChannel;
            default -> throw new IllegalArgumentException("no syslog input " + input);
        };
        return channel == null ? Optional.empty() : Optional.of(((InetSocketAddress) channel.localAddress()).getPort());
    }

    /** Open TCP and TLS connections. */
    public int openConnections() {
        return open.get();
    }

    @Override
    public synchronized void close() {
        for (Channel channel : new Channel[] {udp, tcp, tlsChannel}) {
            if (channel != null) {
                channel.close().syncUninterruptibly();
            }
        }
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        if (boss != null) {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            boss = null;
        }
        context.failures().close();
        udp = tcp = tlsChannel = null;
    }
}
