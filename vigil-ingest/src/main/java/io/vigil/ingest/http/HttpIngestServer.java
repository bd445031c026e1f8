package io.vigil.ingest.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.vigil.core.api.ApiError;
import io.vigil.core.journal.Journal;
import io.vigil.ingest.admission.TenantAdmission;
import io.vigil.core.pipeline.FailureStore;
import io.vigil.ingest.pipeline.StageMetrics;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP bulk ingest listener ({@code POST /ingest/v1/events}). Netty's event loop only parses HTTP,
 * decompresses and aggregates the body within {@link HttpIngestConfig#maxRequestBytes()} (so a gzip bomb
 * stops at the limit); framing, authentication and the journal hand-off run on a bounded worker pool,
 * and the answer is written when the journal has the batch on disk.
 */
public final class HttpIngestServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpIngestServer.class);

    private final HttpIngestConfig config;
    private final Journal journal;
    private final IngestAuthenticator authenticator;
    private final FailureStore failures;
    private final StageMetrics metrics;
    private final MeterRegistry registry;
    private final Clock clock;
    private final TenantAdmission admission;
    private final SslContext tls;
    private final ObjectMapper json = new ObjectMapper();
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private ThreadPoolExecutor framers;
    private Channel channel;

    public HttpIngestServer(HttpIngestConfig config, Journal journal, IngestAuthenticator authenticator,
                            FailureStore failures, StageMetrics metrics, MeterRegistry registry, Clock clock) {
        this(config, journal, authenticator, failures, metrics, registry, clock, null, null);
    }

    /**
     * @param admission per-tenant admission: a tenant over its rate is answered 429 with Retry-After ({@code null}: none)
     * @param tls       server TLS context (HTTPS), or {@code null} for plain HTTP
     */
    public HttpIngestServer(HttpIngestConfig config, Journal journal, IngestAuthenticator authenticator,
                            FailureStore failures, StageMetrics metrics, MeterRegistry registry, Clock clock,
                            TenantAdmission admission, SslContext tls) {
        this.admission = admission;
        this.tls = tls;
        this.config = config;
        this.journal = journal;
        this.authenticator = authenticator;
        this.failures = failures;
        this.metrics = metrics;
        this.registry = registry;
        this.clock = clock;
    }

    public synchronized void start() throws InterruptedException {
        framers = new ThreadPoolExecutor(config.workerThreads(), config.workerThreads(), 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(config.maxPendingRequests()), new DefaultThreadFactory("vigil-ingest-http-worker", true),
                new ThreadPoolExecutor.AbortPolicy());
        boss = new NioEventLoopGroup(1, new DefaultThreadFactory("vigil-ingest-http-accept", true));
        workers = new NioEventLoopGroup(0, new DefaultThreadFactory("vigil-ingest-http-io", true));
        BatchFramer framer = new BatchFramer(config.maxEventBytes(), config.maxEventsPerRequest());
        IngestRequestHandler handler = new IngestRequestHandler(config, journal, authenticator, failures, metrics,
                registry, clock, framer, framers, json, admission);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline()
                                .addLast(new ReadTimeoutHandler(120))
                                .addLast(new HttpServerCodec(4096, 16 * 1024, 64 * 1024))
                                .addLast(new HttpServerKeepAliveHandler())
                                .addLast(new HttpContentDecompressor())
                                .addLast(new BoundedAggregator(config.maxRequestBytes(), json))
                                .addLast(handler);
                    }
                });
        channel = bootstrap.bind(config.bindAddress(), config.port()).sync().channel();
        LOG.info("HTTP ingest listening on {}{}", channel.localAddress(), tls == null ? "" : " (TLS)");
    }

    /** Whether the listener is bound. */
    public synchronized boolean isRunning() {
        return channel != null && channel.isActive();
    }

    /** The port actually bound (useful with port 0). */
    public synchronized int port() {
        if (channel == null) {
            throw new IllegalStateException("HTTP ingest is not started");
        }
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        if (boss != null) {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (framers != null) {
            framers.shutdown();
            try {
                framers.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Answers an oversized batch with Vigil's JSON error instead of Netty's empty 413. */
    private static final class BoundedAggregator extends HttpObjectAggregator {
        private final ObjectMapper json;

        BoundedAggregator(int maxContentLength, ObjectMapper json) {
            super(maxContentLength, true);
            this.json = json;
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            ApiError error = ApiError.of("payload_too_large", "the batch exceeds " + maxContentLength()
                    + " bytes (after decompression): send smaller batches");
            Responses.send(ctx, json, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, error, null, false);
        }
    }
}
