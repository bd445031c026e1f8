package io.vigil.soc.notify;

import io.vigil.core.error.PermanentException;
import io.vigil.core.error.TemporaryException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.BasicHttpClientConnectionManager;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * POSTs the notification as JSON, signed: {@value #TIMESTAMP_HEADER} holds the Unix time in seconds and
 * {@value #SIGNATURE_HEADER} {@code sha256=} and the hex HMAC-SHA256, keyed with the route's secret, of
 * {@code timestamp + "." + body}. Receivers recompute it and refuse old timestamps (replays).
 * {@value #DELIVERY_HEADER} carries the delivery id, the same on every retry, for de-duplication.
 *
 * <p>Redirects are followed by hand, at most {@value #MAX_REDIRECTS}, only 307 and 308 (which keep the POST), and each
 * target passes the {@link OutboundGuard} first. The connection is made to the very addresses the guard checked: the
 * client's resolver answers with them and nothing else, so a name that resolves to a public address for the check and
 * to an internal one a moment later (DNS rebinding) cannot steer the request inside. TLS still verifies the
 * certificate against the URL's host name. 2xx is delivered; 408, 429, 5xx and I/O errors are temporary; any other
 * answer is permanent. Response bodies are not read: the connection is closed once the status and headers are in.
 */
public final class WebhookSender implements Sender {

    public static final String SIGNATURE_HEADER = "X-Vigil-Signature";
    public static final String TIMESTAMP_HEADER = "X-Vigil-Timestamp";
    public static final String DELIVERY_HEADER = "X-Vigil-Delivery";
    static final int MAX_REDIRECTS = 3;
    private static final Timeout CONNECT_TIMEOUT = Timeout.ofSeconds(5);
    private static final Timeout READ_TIMEOUT = Timeout.ofSeconds(10);
    /** The whole exchange, however slowly a receiver trickles its answer, is cancelled after this. */
    static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "vigil-webhook-deadline");
        thread.setDaemon(true);
        return thread;
    });

    private final OutboundGuard guard;
    private final Routes routes;
    private final Clock clock;
    private final Duration deadline;

    public WebhookSender(OutboundGuard guard, Routes routes, Clock clock) {
        this(guard, routes, clock, DEADLINE);
    }

    /** @param deadline how long one exchange may take in all before it is cancelled */
    WebhookSender(OutboundGuard guard, Routes routes, Clock clock, Duration deadline) {
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.routes = Objects.requireNonNull(routes, "routes");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void send(Route route, Notification notification, UUID deliveryId) {
        post(URI.create(route.target()), route.secret(), routes.allowedPrivateRanges(route.tenant()), notification.toJson(),
                deliveryId);
    }

    /**
     * POSTs one signed JSON body; what {@link #send(Route, Notification, UUID)} does for a tenant's route, and what
     * platform alerts use for the MSSP's operators.
     *
     * @param allowedRanges private ranges the target may resolve to (see {@link OutboundGuard#check})
     */
    public void post(URI target, String secret, List<String> allowedRanges, String body, UUID deliveryId) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String signature = "sha256=" + sign(secret, timestamp + "." + body);
        for (int hop = 0; ; hop++) {
            List<InetAddress> checked = guard.check(target, allowedRanges);
            HttpPost request = new HttpPost(target);
            request.setHeader("User-Agent", "Vigil-Webhook/1");
            request.setHeader(TIMESTAMP_HEADER, timestamp);
            request.setHeader(SIGNATURE_HEADER, signature);
            request.setHeader(DELIVERY_HEADER, deliveryId.toString());
            request.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
            int status;
            String location;
            ScheduledFuture<?> cancel = DEADLINES.schedule(request::cancel, deadline.toMillis(), TimeUnit.MILLISECONDS);
            try (CloseableHttpClient http = pinnedClient(target.getHost(), checked);
                 ClassicHttpResponse response = http.executeOpen(null, request, null)) {
                status = response.getCode();
                Header header = response.getFirstHeader("Location");
                location = header == null ? null : header.getValue();
            } catch (IOException e) {
                throw new TemporaryException("webhook " + target.getHost() + " unreachable: "
                        + (request.isCancelled() ? "no answer within " + deadline.toMillis() + " ms" : e),
                        Duration.ofSeconds(30), e);
            } finally {
                cancel.cancel(false);
            }
            if (status >= 200 && status < 300) {
                return;
            }
            if (status == 307 || status == 308) {
                if (location == null) {
                    throw new PermanentException("webhook answered " + status + " without a Location");
                }
                if (hop + 1 > MAX_REDIRECTS) {
                    throw new PermanentException("webhook redirected more than " + MAX_REDIRECTS + " times");
                }
                try {
                    target = target.resolve(location);
                } catch (IllegalArgumentException e) {
                    throw new PermanentException("webhook redirected to an unreadable Location: " + location);
                }
                continue;
            }
            if (status == 408 || status == 429 || status >= 500) {
                throw new TemporaryException("webhook " + target.getHost() + " answered " + status, Duration.ofSeconds(30));
            }
            throw new PermanentException("webhook " + target.getHost() + " answered " + status
                    + (status >= 300 && status < 400 ? " (only 307 and 308 redirects are followed)" : ""));
        }
    }

    /**
     * A client for one request whose connections go to {@code addresses} for {@code host} and nowhere else: no pool
     * shared between tenants (whose allowed ranges differ), no retries, no redirects, no cookies.
     */
    private static CloseableHttpClient pinnedClient(String host, List<InetAddress> addresses) {
        String checkedHost = unbracketed(host);
        DnsResolver pinned = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String name) throws UnknownHostException {
                if (!unbracketed(name).equalsIgnoreCase(checkedHost)) {
                    throw new UnknownHostException(name + " is not the checked webhook host " + checkedHost);
                }
                return addresses.toArray(InetAddress[]::new);
            }

            @Override
            public String resolveCanonicalHostname(String name) {
                return name;
            }
        };
        BasicHttpClientConnectionManager connections = BasicHttpClientConnectionManager.create(
                DefaultSchemePortResolver.INSTANCE, pinned,
                RegistryBuilder.<TlsSocketStrategy>create().register("https", DefaultClientTlsStrategy.createDefault())
                        .build(),
                null);
        connections.setConnectionConfig(ConnectionConfig.custom().setConnectTimeout(CONNECT_TIMEOUT)
                .setSocketTimeout(READ_TIMEOUT).build());
        return HttpClients.custom().setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(READ_TIMEOUT).build())
                .disableRedirectHandling().disableAutomaticRetries().disableCookieManagement()
                .disableContentCompression().disableAuthCaching().build();
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Hex HMAC-SHA256 of {@code data} keyed with {@code secret}: what a receiver recomputes. */
    public static String sign(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
