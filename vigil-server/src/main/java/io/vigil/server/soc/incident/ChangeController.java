package io.vigil.server.soc.incident;

import io.vigil.core.access.Permission;
import io.vigil.core.tenant.TenantId;
import io.vigil.server.security.Requires;
import io.vigil.server.tenant.TenantResolver;
import io.vigil.soc.notify.WebhookSender;
import io.vigil.soc.triage.ChangeWindow;
import io.vigil.store.NotFoundException;
import io.vigil.store.soc.triage.JdbcChangeHookSecrets;
import io.vigil.store.soc.triage.JdbcChangeWindows;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's change tickets and maintenance windows: read with incidents:read, managed with changes:manage. The
 * ticketing system of the client posts to {@code …/changes/webhook} with an API token holding changes:manage and an
 * HMAC-SHA256 signature over {@code timestamp + "." + body} keyed with the tenant's webhook secret
 * ({@code X-Vigil-Timestamp}, {@code X-Vigil-Signature: sha256=…}), the same scheme as outgoing webhooks; a
 * timestamp more than five minutes off is refused (replays).
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/changes")
class ChangeController {

    static final Duration MAX_SKEW = Duration.ofMinutes(5);
    static final int MAX_BODY = 1 << 20;

    private final JdbcChangeWindows changes;
    private final JdbcChangeHookSecrets hookSecrets;
    private final TenantResolver resolver;
    private final ObjectMapper json;
    private final Clock clock;

    ChangeController(JdbcChangeWindows changes, JdbcChangeHookSecrets hookSecrets, TenantResolver resolver,
            ObjectMapper json, Clock clock) {
        this.changes = changes;
        this.hookSecrets = hookSecrets;
        this.resolver = resolver;
        this.json = json;
        this.clock = clock;
    }

    record ChangeRequest(String reference, List<String> assets, String start, String end, Boolean approved,
                         Boolean downgrade) {
    }

    record HookSecret(String secret) {
    }

    record ChangeView(String id, String reference, List<String> assets, Instant start, Instant end, boolean approved,
                      boolean downgrade, String source, String createdBy, Instant createdAt) {
        static ChangeView of(ChangeWindow w) {
            return new ChangeView(w.id().toString(), w.reference(), w.assets(), w.start(), w.end(), w.approved(),
                    w.downgrade(), w.source(), w.createdBy(), w.createdAt());
        }
    }

    @Requires(Permission.INCIDENTS_READ)
    @GetMapping
    List<ChangeView> list(@PathVariable String tenant) {
        return changes.list(resolver.resolve(tenant).id()).stream().map(ChangeView::of).toList();
    }

    @Requires(Permission.CHANGES_MANAGE)
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ChangeView create(@PathVariable String tenant, @RequestBody ChangeRequest body) {
        TenantId scope = resolver.resolve(tenant).id();
        return ChangeView.of(changes.save(scope, window(scope, body, "api")));
    }

    @Requires(Permission.CHANGES_MANAGE)
    @DeleteMapping("/{changeId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String tenant, @PathVariable UUID changeId) {
        if (!changes.delete(resolver.resolve(tenant).id(), changeId)) {
            throw new NotFoundException("no change " + changeId);
        }
    }

    @Requires(Permission.CHANGES_MANAGE)
    @PutMapping("/webhook-secret")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void secret(@PathVariable String tenant, @RequestBody HookSecret body) {
        hookSecrets.set(resolver.resolve(tenant).id(), body.secret());
    }

    @Requires(Permission.CHANGES_MANAGE)
    @PostMapping("/webhook")
    @ResponseStatus(HttpStatus.CREATED)
    ChangeView webhook(@PathVariable String tenant,
                         @RequestHeader(value = WebhookSender.TIMESTAMP_HEADER, required = false) String timestamp,
                         @RequestHeader(value = WebhookSender.SIGNATURE_HEADER, required = false) String signature,
                         jakarta.servlet.http.HttpServletRequest request) {
        TenantId scope = resolver.resolve(tenant).id();
        String body = Bodies.text(request, MAX_BODY, "the change");
        String secret = hookSecrets.find(scope)
                .orElseThrow(() -> new IllegalArgumentException("no change webhook secret is set for this tenant"));
        long sent;
        try {
            sent = Long.parseLong(Callers.required(WebhookSender.TIMESTAMP_HEADER, timestamp).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(WebhookSender.TIMESTAMP_HEADER + " must be Unix seconds");
        }
        if (Duration.between(Instant.ofEpochSecond(sent), clock.instant()).abs().compareTo(MAX_SKEW) > 0) {
            throw new IllegalArgumentException(WebhookSender.TIMESTAMP_HEADER + " is more than " + MAX_SKEW + " off");
        }
        String expected = "sha256=" + WebhookSender.sign(secret, sent + "." + body);
        if (signature == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.trim().getBytes(StandardCharsets.US_ASCII))) {
            throw new IllegalArgumentException(WebhookSender.SIGNATURE_HEADER + " does not match the body");
        }
        ChangeRequest change;
        try {
            change = json.readValue(body, ChangeRequest.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the body is not a change object");
        }
        return ChangeView.of(changes.save(scope, window(scope, change, "webhook")));
    }

    private ChangeWindow window(TenantId scope, ChangeRequest body, String source) {
        return new ChangeWindow(UUID.randomUUID(), scope, body.reference(), body.assets(), instant("start", body.start()),
                instant("end", body.end()), body.approved() == null || body.approved(), Boolean.TRUE.equals(body.downgrade()),
                source, Callers.name(), clock.instant());
    }

    private static Instant instant(String field, String value) {
        try {
            return Instant.parse(Callers.required(field, value));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 instant such as 2026-03-01T22:00:00Z");
        }
    }
}
