package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.auth.SessionFilter;
import io.vigil.server.auth.SessionStarter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;

/** Browser-like calls for the auth ITs: a session cookie, the CSRF header, TOTP codes from java-otp. */
abstract class AuthTestSupport extends ServerTestSupport {

    /** A logged-in browser: its cookie and CSRF token. */
    record Browser(String cookie, String csrf, JsonNode login) {
    }

    record Account(String id, String login, String password) {
    }

    Answer login(Map<String, String> body) {
        return call("POST", "/api/v1/auth/login", body, null, null);
    }

    Browser browser(Answer login) {
        assertThat(login.status()).as("login: %s", login.body()).isEqualTo(200);
        String cookie = login.raw().headers().allValues("set-cookie").stream()
                .filter(c -> c.startsWith(SessionStarter.COOKIE + "=")).findFirst().orElseThrow();
        return new Browser(cookie.substring(0, cookie.indexOf(';')), login.body().get("csrfToken").asText(), login.body());
    }

    Browser loginAs(String login, String password) {
        return browser(login(Map.of("login", login, "password", password)));
    }

    Answer call(String method, String path, Object body, Browser browser, String csrf) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(20))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (browser != null) {
                request.header("Cookie", browser.cookie());
            }
            if (csrf != null) {
                request.header(SessionFilter.CSRF_HEADER, csrf);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), json, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A state-changing call with the session's CSRF token. */
    Answer send(String method, String path, Object body, Browser browser) {
        return call(method, path, body, browser, browser.csrf());
    }

    /** Creates an MSSP staff account through the platform API; returns it with its one-time password. */
    Account staff(String login) {
        Answer created = api("POST", "/api/v1/platform/users", Map.of("login", login, "displayName", login, "kind", "mssp-staff"));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        return new Account(created.body().path("user").path("id").asText(), login, created.body().path("oneTimePassword").asText());
    }

    /** Creates a client user of {@code tenant} through the tenant API and signs it in, one-time password replaced. */
    Browser clientUser(String tenant, String login, String role) {
        Answer created = api("POST", "/api/v1/tenants/" + tenant + "/users",
                Map.of("login", login, "displayName", login, "roles", java.util.List.of(role)));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        return changeOneTimePassword(new Account(created.body().path("user").path("id").asText(), login,
                created.body().path("oneTimePassword").asText()), "a long enough phrase of a client");
    }

    /** Logs in with the one-time password and replaces it; returns the new password and the restricted session. */
    Browser changeOneTimePassword(Account account, String newPassword) {
        Browser browser = loginAs(account.login(), account.password());
        assertThat(browser.login().path("restriction").asText()).isEqualTo("password-change");
        Answer changed = send("POST", "/api/v1/auth/password",
                Map.of("oldPassword", account.password(), "newPassword", newPassword), browser);
        assertThat(changed.status()).as("%s", changed.body()).isEqualTo(200);
        return browser;
    }

    /** Enrols TOTP in a session; returns the secret and the recovery codes. */
    Map<String, Object> enrolTotp(Browser browser, Instant now) {
        Answer started = send("POST", "/api/v1/auth/mfa/totp", null, browser);
        assertThat(started.status()).as("%s", started.body()).isEqualTo(200);
        String secret = started.body().path("secret").asText();
        Answer confirmed = send("POST", "/api/v1/auth/mfa/totp/confirm", Map.of("code", code(secret, now)), browser);
        assertThat(confirmed.status()).as("%s", confirmed.body()).isEqualTo(200);
        Map<String, Object> result = new HashMap<>();
        result.put("secret", secret);
        result.put("recoveryCodes", confirmed.body().path("recoveryCodes"));
        result.put("restriction", confirmed.body().path("restriction").asText());
        return result;
    }

    static String code(String base32Secret, Instant at) {
        try {
            return new TimeBasedOneTimePasswordGenerator(Duration.ofSeconds(30), 6)
                    .generateOneTimePasswordString(new SecretKeySpec(base32(base32Secret), "HmacSHA1"), at);
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        byte[] out = new byte[text.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int index = 0;
        for (char c : text.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out[index++] = (byte) (buffer >> (bits - 8));
                bits -= 8;
            }
        }
        return out;
    }
}
