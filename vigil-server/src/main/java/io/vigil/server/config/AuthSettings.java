package io.vigil.server.config;

import java.time.Duration;

/**
 * @param cookieSecure           mark the session cookie {@code Secure} (sent over HTTPS only); turn off only for
 *                               plain-HTTP development on localhost
 * @param idleTimeout            a browser session ends after this long without a request
 * @param absoluteLifetime       a browser session ends this long after login, however active
 * @param lockoutThreshold       consecutive failed logins that lock an account
 * @param lockoutDuration        how long a locked account refuses logins
 * @param loginAttemptsPerMinute login attempts allowed per source address and minute (token bucket: bursts up to
 *                               this many, refilled evenly); more answer 429 with Retry-After
 * @param rateLimitAddresses     source addresses the login rate limit remembers (least recently seen are
 *                               forgotten first), bounding its memory
 * @param totpIssuer             the issuer name authenticator apps show next to the account
 */
public record AuthSettings(Boolean cookieSecure, Duration idleTimeout, Duration absoluteLifetime, Integer lockoutThreshold,
                           Duration lockoutDuration, Integer loginAttemptsPerMinute, Integer rateLimitAddresses,
                           String totpIssuer) {

    public AuthSettings {
        cookieSecure = cookieSecure == null ? Boolean.TRUE : cookieSecure;
        idleTimeout = idleTimeout == null ? Duration.ofMinutes(30) : idleTimeout;
        absoluteLifetime = absoluteLifetime == null ? Duration.ofHours(12) : absoluteLifetime;
        lockoutThreshold = lockoutThreshold == null ? 5 : lockoutThreshold;
        lockoutDuration = lockoutDuration == null ? Duration.ofMinutes(15) : lockoutDuration;
        loginAttemptsPerMinute = loginAttemptsPerMinute == null ? 10 : loginAttemptsPerMinute;
        rateLimitAddresses = rateLimitAddresses == null ? 10_000 : rateLimitAddresses;
        totpIssuer = totpIssuer == null || totpIssuer.isBlank() ? "Vigil" : totpIssuer.strip();
        if (idleTimeout.isNegative() || idleTimeout.isZero() || absoluteLifetime.compareTo(idleTimeout) < 0) {
            throw new IllegalArgumentException("vigil.auth.idle-timeout must be positive and at most vigil.auth.absolute-lifetime");
        }
        if (lockoutThreshold < 1 || lockoutThreshold > 100) {
            throw new IllegalArgumentException("vigil.auth.lockout-threshold must be 1-100, was " + lockoutThreshold);
        }
        if (lockoutDuration.isNegative() || lockoutDuration.isZero()) {
            throw new IllegalArgumentException("vigil.auth.lockout-duration must be positive");
        }
        if (loginAttemptsPerMinute < 1 || loginAttemptsPerMinute > 10_000) {
            throw new IllegalArgumentException("vigil.auth.login-attempts-per-minute must be 1-10000, was " + loginAttemptsPerMinute);
        }
        if (rateLimitAddresses < 100 || rateLimitAddresses > 10_000_000) {
            throw new IllegalArgumentException("vigil.auth.rate-limit-addresses must be 100-10000000, was " + rateLimitAddresses);
        }
    }
}
