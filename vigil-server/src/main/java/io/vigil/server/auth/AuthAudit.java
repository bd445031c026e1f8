package io.vigil.server.auth;

import io.vigil.core.access.Actor;
import io.vigil.core.audit.AuditOutcome;
import io.vigil.core.audit.AuditRecord;
import io.vigil.core.audit.AuditSink;
import io.vigil.core.tenant.TenantId;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Records what accounts and sessions do to the audit log; never a password, code or secret. */
@Component
public final class AuthAudit {

    private static final int MAX_PRESENTED = 100;

    private final AuditSink sink;
    private final Clock clock;

    AuthAudit(AuditSink sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    /** Something an identified account did or had done to it. */
    public void record(Actor actor, TenantId tenant, String action, String target, AuditOutcome outcome,
                       HttpServletRequest request, Map<String, String> details) {
        sink.record(AuditRecord.by(actor, clock.instant(), tenant, action, target, outcome, address(request),
                userAgent(request), details));
    }

    /** A login attempt for a login that names no usable account: the name presented is all there is. */
    void unknownLogin(String presented, HttpServletRequest request, Map<String, String> details) {
        String name = presented == null ? "" : presented.strip();
        name = name.length() > MAX_PRESENTED ? name.substring(0, MAX_PRESENTED) : name;
        name = name.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        sink.record(new AuditRecord(clock.instant(), null, name, null, null, "auth.login", null, AuditOutcome.FAILED,
                address(request), userAgent(request), details));
    }

    static String address(HttpServletRequest request) {
        return request == null ? null : request.getRemoteAddr();
    }

    private static String userAgent(HttpServletRequest request) {
        if (request == null) {
            return null;
        }
        String agent = request.getHeader("User-Agent");
        return agent == null || agent.length() <= 500 ? agent : agent.substring(0, 500);
    }
}
