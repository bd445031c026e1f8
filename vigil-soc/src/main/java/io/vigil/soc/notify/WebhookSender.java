package io.vigil.soc.notify;

import io.vigil.core.error.PermanentException;
import io.vigil.core.error.TemporaryException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs the notification as JSON, signed: {@value #TIMESTAMP_HEADER} holds the Unix time in seconds and
 * {@value #SIGNATURE_HEADER} {@code sha256=} and the hex HMAC-SHA256, keyed with the route's secret, of
 * {@code timestamp + "." + body}. Receivers recompute it and refuse old timestamps (replays).
 * {@value #DELIVERY_HEADER} carries the delivery id, the same on every retry, for de-duplication.
 *
 * <p>Redirects are followed by hand, at most {@value #MAX_REDIRECTS}, only 307 and 308 (which keep the POST), and each
 * target passes the {@link OutboundGuard} first. 2xx is delivered; 408, 429, 5xx and I/O errors are temporary; any
 * other answer is permanent. Response bodies are not read beyond a small limit.
 */
public final class WebhookSender implements Sender {

    public static final String SIGNATURE_HEADER = "X-Vigil-Signature";
    public static final String TIMESTAMP_HEADER = "X-Vigil-Timestamp";
    public static final String DELIVERY_HEADER = "X-Vigil-Delivery";
    static final int MAX_REDIRECTS = 3;

    private final HttpClient http;
    private final OutboundGuard guard;
    private final Routes routes;
    private final Clock clock;

    public WebhookSender(OutboundGuard guard, Routes routes, Clock clock) {
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
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
            guard.check(target, allowedRanges);
            HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Vigil-Webhook/1")
                    .header(TIMESTAMP_HEADER, timestamp)
                    .header(SIGNATURE_HEADER, signature)
                    .header(DELIVERY_HEADER, deliveryId.toString())
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
            HttpResponse<Void> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                throw new TemporaryException("webhook " + target.getHost() + " unreachable: " + e, Duration.ofSeconds(30), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TemporaryException("interrupted while sending a webhook", Duration.ofSeconds(30), e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return;
            }
            if (status == 307 || status == 308) {
                String location = response.headers().firstValue("Location").orElseThrow(
                        () -> new PermanentException("webhook answered " + status + " without a Location"));
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
