package io.vigil.server.auth.oidc;

import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logins started but not yet called back, keyed by their {@code state}: each can be used once, expires, and is bound
 * to the browser that started it through a random key kept in a cookie (so a callback URL handed to someone else
 * does not log them in). Kept in memory on this node: behind several nodes the load balancer must send a login's
 * callback to the node that started it (sticky sessions), and a restart forgets logins in progress.
 */
public final class OidcLoginState {

    /** A started login, as the callback needs it. */
    public record Pending(String providerId, Nonce nonce, CodeVerifier verifier, Instant createdAt, String returnPath,
                          String browserKeyHash) {
        public Pending {
            Objects.requireNonNull(providerId, "providerId");
            Objects.requireNonNull(nonce, "nonce");
            Objects.requireNonNull(verifier, "verifier");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(returnPath, "returnPath");
            Objects.requireNonNull(browserKeyHash, "browserKeyHash");
        }
    }

    /** A login just started: what goes to the provider and what goes into the browser's cookie. */
    public record Started(State state, Pending pending, String browserKey) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final java.util.regex.Pattern BROWSER_KEY = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{43}");

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration timeout;
    private final int capacity;

    public OidcLoginState(Clock clock, Duration timeout, int capacity) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.capacity = capacity;
    }

    /**
     * @param browserKey the key the browser already holds from a login started in another tab, or {@code null};
     *                   reused so that both logins can finish
     * @throws OidcLoginFailure {@link OidcLoginFailure.Reason#UNAVAILABLE} when too many logins are pending
     */
    public Started start(String providerId, String returnPath, String browserKey) {
        Instant now = clock.instant();
        if (pending.size() >= capacity) {
            pending.values().removeIf(p -> expired(p, now));
            if (pending.size() >= capacity) {
                throw new OidcLoginFailure(OidcLoginFailure.Reason.UNAVAILABLE,
                        "too many single sign-on logins are in progress; try again in a few minutes");
            }
        }
        if (browserKey == null || !BROWSER_KEY.matcher(browserKey).matches()) {
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            browserKey = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        }
        State state = new State(32);
        Pending login = new Pending(providerId, new Nonce(32), new CodeVerifier(), now, returnPath, hash(browserKey));
        pending.put(state.getValue(), login);
        return new Started(state, login, browserKey);
    }

    /**
     * Takes a pending login out for good: a second callback with the same state is refused.
     *
     * @param browserKey the key from the browser's cookie, {@code null} if it sent none
     * @throws OidcLoginFailure {@link OidcLoginFailure.Reason#INVALID_STATE} naming what is wrong
     */
    public Pending take(String state, String providerId, String browserKey) {
        Pending login = state == null ? null : pending.remove(state);
        if (login == null) {
            throw invalid("unknown or already used login state; start the login again");
        }
        if (expired(login, clock.instant())) {
            throw invalid("the login took longer than " + timeout.toSeconds() + " s; start it again");
        }
        if (!login.providerId().equals(providerId)) {
            throw invalid("the login was started for another identity provider");
        }
        if (browserKey == null || !MessageDigest.isEqual(hash(browserKey).getBytes(StandardCharsets.US_ASCII),
                login.browserKeyHash().getBytes(StandardCharsets.US_ASCII))) {
            throw invalid("the login was started in another browser (its login cookie is missing or different)");
        }
        return login;
    }

    /** Logins pending now, expired ones included until they are swept. */
    public int size() {
        return pending.size();
    }

    private boolean expired(Pending login, Instant now) {
        return now.isAfter(login.createdAt().plus(timeout));
    }

    private static OidcLoginFailure invalid(String message) {
        return new OidcLoginFailure(OidcLoginFailure.Reason.INVALID_STATE, message);
    }

    private static String hash(String browserKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(browserKey.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
