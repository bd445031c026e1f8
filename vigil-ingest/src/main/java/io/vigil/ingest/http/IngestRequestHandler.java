package io.vigil.ingest.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vigil.core.api.ApiError;
import io.vigil.core.error.TemporaryException;
import io.vigil.core.event.EventId;
import io.vigil.core.event.RawEvent;
import io.vigil.core.event.SourceRef;
import io.vigil.core.journal.Journal;
import io.vigil.core.pipeline.Failure;
import io.vigil.core.pipeline.FailureStore;
import io.vigil.core.pipeline.Phase;
import io.vigil.ingest.admission.Admission;
import io.vigil.ingest.admission.TenantAdmission;
import io.vigil.ingest.decode.JsonDecoder;
import io.vigil.ingest.pipeline.StageMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One batch request: route, authenticate the ingest key, frame, journal, answer. Runs the expensive part
 * on the worker pool; answers 202 only once the journal reports the batch durable.
 */
@ChannelHandler.Sharable
final class IngestRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    static final String PATH = "/ingest/v1/events";
    static final String KEY_HEADER = "X-Vigil-Ingest-Key";
    /**
     * Raw bytes kept for a refused batch: enough to diagnose, bounded so a noisy sender cannot fill the
     * database (the sender still holds the batch: nothing of it was acknowledged).
     */
    static final int MAX_REJECTED_BYTES_KEPT = 64 * 1024;
    private static final Pattern SOURCE_NAME = Pattern.compile("[A-Za-z0-9._:@/-]{1,200}");
    private static final Logger LOG = LoggerFactory.getLogger(IngestRequestHandler.class);

    private final HttpIngestConfig config;
    private final Journal journal;
    private final IngestAuthenticator authenticator;
    private final FailureStore failures;
    private final StageMetrics metrics;
    private final MeterRegistry registry;
    private final Clock clock;
    private final BatchFramer framer;
    private final ExecutorService workers;
    private final ObjectMapper json;
    private final TenantAdmission admission;

    IngestRequestHandler(HttpIngestConfig config, Journal journal, IngestAuthenticator authenticator,
                         FailureStore failures, StageMetrics metrics, MeterRegistry registry, Clock clock,
                         BatchFramer framer, ExecutorService workers, ObjectMapper json, TenantAdmission admission) {
        this.admission = admission;
        this.config = config;
        this.journal = journal;
        this.authenticator = authenticator;
        this.failures = failures;
        this.metrics = metrics;
        this.registry = registry;
        this.clock = clock;
        this.framer = framer;
        this.workers = workers;
        this.json = json;
    }

    private record Request(String key, BatchFramer.Format format, String source, byte[] body, boolean keepAlive) {
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest http) {
        boolean keepAlive = HttpUtil.isKeepAlive(http);
        if (http.decoderResult().isFailure()) {
            reply(ctx, "unknown", HttpResponseStatus.BAD_REQUEST,
                    ApiError.of("bad_request", "malformed HTTP request: " + http.decoderResult().cause().getMessage()), false);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(http.uri());
        if (!PATH.equals(uri.path())) {
            reply(ctx, "unknown", HttpResponseStatus.NOT_FOUND,
                    ApiError.of("not_found", "no such ingest endpoint: send batches to POST " + PATH), keepAlive);
            return;
        }
        if (!HttpMethod.POST.equals(http.method())) {
            reply(ctx, "unknown", HttpResponseStatus.METHOD_NOT_ALLOWED,
                    ApiError.of("method_not_allowed", PATH + " accepts POST only"), keepAlive);
            return;
        }
        String key = presentedKey(http);
        if (key == null) {
            reply(ctx, "unknown", HttpResponseStatus.UNAUTHORIZED, ApiError.of("unauthorized",
                    "no ingest key: send 'Authorization: Bearer <key>' or '" + KEY_HEADER + ": <key>'"), keepAlive);
            return;
        }
        BatchFramer.Format format = format(http.headers().get(HttpHeaderNames.CONTENT_TYPE));
        if (format == null) {
            reply(ctx, "unknown", HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, ApiError.of("unsupported_media_type",
                    "content type must be application/x-ndjson or application/json"), keepAlive);
            return;
        }
        String source = uri.parameters().getOrDefault("source", List.of()).stream().findFirst().orElse(null);
        if (source != null && !SOURCE_NAME.matcher(source).matches()) {
            reply(ctx, "unknown", HttpResponseStatus.BAD_REQUEST, new ApiError("bad_request", "invalid source name",
                    List.of(new ApiError.Problem("source", "1-200 characters of letters, digits and ._:@/-"))), keepAlive);
            return;
        }
        Request request = new Request(key, format, source, ByteBufUtil.getBytes(http.content()), keepAlive);
        try {
            workers.execute(() -> handle(ctx, request));
        } catch (RejectedExecutionException e) {
            reply(ctx, "unknown", HttpResponseStatus.SERVICE_UNAVAILABLE, ApiError.of("overloaded",
                    "too many batches waiting: retry later"), keepAlive);
        }
    }

    private void handle(ChannelHandlerContext ctx, Request request) {
        Optional<IngestPrincipal> principal = authenticator.authenticate(request.key());
        if (principal.isEmpty()) {
            reply(ctx, "unknown", HttpResponseStatus.UNAUTHORIZED,
                    ApiError.of("unauthorized", "unknown or revoked ingest key"), request.keepAlive());
            return;
        }
        IngestPrincipal sender = principal.get();
        String tenantTag = sender.tenant().toString();
        if (!sender.tenantStatus().acceptsTelemetry()) {
            reply(ctx, tenantTag, HttpResponseStatus.FORBIDDEN, ApiError.of("forbidden",
                    "tenant is " + sender.tenantStatus().name().toLowerCase(Locale.ROOT) + ": telemetry is not accepted"),
                    request.keepAlive());
            return;
        }
        if (admission != null && admission.exhausted(sender.tenant())) {
            // Refused before framing, so a flooding tenant costs the shared workers as little as possible.
            tooManyRequests(ctx, tenantTag, java.time.Duration.ofSeconds(1), request.keepAlive());
            return;
        }
        Instant now = clock.instant();
        SourceRef source = new SourceRef("http", request.source() != null ? request.source() : sender.keyLabel(),
                JsonDecoder.CODEC);
        List<byte[]> events;
        try {
            events = framer.frame(request.body(), request.format());
        } catch (BatchFramer.BatchRejected rejected) {
            keepRejected(sender, source, now, rejected.getMessage(), request.body());
            HttpResponseStatus status = rejected.tooLarge() ? HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE
                    : HttpResponseStatus.BAD_REQUEST;
            reply(ctx, tenantTag, status, new ApiError(rejected.tooLarge() ? "payload_too_large" : "bad_request",
                    rejected.getMessage(), rejected.problems()), request.keepAlive());
            return;
        }
        StageMetrics.Meters receive = metrics.of(Phase.RECEIVE, "http", sender.tenant());
        receive.in().increment(events.size());
        if (events.isEmpty()) {
            reply(ctx, tenantTag, HttpResponseStatus.ACCEPTED, Map.of("accepted", 0), request.keepAlive());
            return;
        }
        if (admission != null
                && admission.admit(sender.tenant(), "http", events.size()) instanceof Admission.Refused refused) {
            tooManyRequests(ctx, tenantTag, refused.retryAfter(), request.keepAlive());
            return;
        }
        List<RawEvent> raw = new ArrayList<>(events.size());
        for (byte[] bytes : events) {
            raw.add(new RawEvent(sender.tenant(), source, now, bytes));
        }
        long start = System.nanoTime();
        try {
            journal.append(raw).whenComplete((position, error) -> {
                receive.recordNanos(System.nanoTime() - start);
                if (error == null) {
                    receive.out().increment(raw.size());
                    reply(ctx, tenantTag, HttpResponseStatus.ACCEPTED, Map.of("accepted", raw.size()), request.keepAlive());
                } else {
                    receive.failed().increment(raw.size());
                    replyUnavailable(ctx, tenantTag, error, request.keepAlive());
                }
            });
        } catch (IllegalArgumentException tooLarge) {
            // The journal refuses a record over its own limit: the sender must split, not retry.
            receive.failed().increment(raw.size());
            reply(ctx, tenantTag, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                    ApiError.of("payload_too_large", tooLarge.getMessage()), request.keepAlive());
        } catch (RuntimeException e) {
            receive.failed().increment(raw.size());
            replyUnavailable(ctx, tenantTag, e, request.keepAlive());
        }
    }

    private void tooManyRequests(ChannelHandlerContext ctx, String tenantTag, java.time.Duration retryAfter, boolean keepAlive) {
        reply(ctx, tenantTag, HttpResponseStatus.TOO_MANY_REQUESTS, ApiError.of("rate_limited",
                "the tenant is over its ingest rate: nothing of this batch was accepted, retry after "
                        + retryAfter.toSeconds() + " s"), keepAlive, retryAfter);
    }

    private void replyUnavailable(ChannelHandlerContext ctx, String tenantTag, Throwable error, boolean keepAlive) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        if (cause instanceof TemporaryException temporary) {
            reply(ctx, tenantTag, HttpResponseStatus.SERVICE_UNAVAILABLE,
                    ApiError.of("overloaded", temporary.getMessage() + ": nothing of this batch was accepted, retry later"),
                    keepAlive, temporary.retryAfter());
        } else {
            LOG.error("Journal append failed", cause);
            reply(ctx, tenantTag, HttpResponseStatus.SERVICE_UNAVAILABLE,
                    ApiError.of("unavailable", "the journal could not store the batch: nothing was accepted, retry later"),
                    keepAlive, config.retryAfter());
        }
    }

    /** A refused batch is kept in the tenant's failure store so the sender's operators can see what was wrong. */
    private void keepRejected(IngestPrincipal sender, SourceRef source, Instant now, String reason, byte[] body) {
        byte[] kept = body.length > MAX_REJECTED_BYTES_KEPT ? Arrays.copyOf(body, MAX_REJECTED_BYTES_KEPT) : body;
        String note = body.length > MAX_REJECTED_BYTES_KEPT
                ? " [first " + MAX_REJECTED_BYTES_KEPT + " of " + body.length + " bytes kept]" : "";
        try {
            failures.record(List.of(new Failure(new EventId(UUID.randomUUID()), sender.tenant(), source, Phase.RECEIVE,
                    "http", "batch refused: " + reason + note, now, now, kept)));
        } catch (RuntimeException e) {
            LOG.warn("Could not keep a refused batch of tenant {} in the failure store: {}", sender.tenant(), e.toString());
        }
    }

    private void reply(ChannelHandlerContext ctx, String tenant, HttpResponseStatus status, Object body, boolean keepAlive) {
        boolean retry = status.code() == 429 || status.code() == 503;
        reply(ctx, tenant, status, body, keepAlive, retry ? config.retryAfter() : null);
    }

    private void reply(ChannelHandlerContext ctx, String tenant, HttpResponseStatus status, Object body, boolean keepAlive,
                       java.time.Duration retryAfter) {
        Counter.builder("vigil.ingest.http.requests").description("HTTP ingest requests by tenant and status")
                .tag("tenant", tenant).tag("status", Integer.toString(status.code())).register(registry).increment();
        Responses.send(ctx, json, status, body, retryAfter, keepAlive);
    }

    private static String presentedKey(FullHttpRequest http) {
        String header = http.headers().get(KEY_HEADER);
        if (header != null && !header.isBlank()) {
            return header.strip();
        }
        String authorization = http.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).strip();
            return token.isEmpty() ? null : token;
        }
        return null;
    }

    private static BatchFramer.Format format(String contentType) {
        if (contentType == null) {
            return BatchFramer.Format.NDJSON;
        }
        String mime = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return switch (mime) {
            case "application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines", "text/plain" ->
                    BatchFramer.Format.NDJSON;
            case "application/json" -> BatchFramer.Format.JSON;
            default -> null;
        };
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException) {
            // Corrupt gzip or a broken chunked body: tell the sender, then close.
            Responses.send(ctx, json, HttpResponseStatus.BAD_REQUEST,
                    ApiError.of("bad_request", "the body could not be read: " + rootMessage(cause)), null, false);
            return;
        }
        if (!(cause instanceof java.io.IOException)) {
            LOG.warn("HTTP ingest connection failed", cause);
        }
        ctx.close();
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
