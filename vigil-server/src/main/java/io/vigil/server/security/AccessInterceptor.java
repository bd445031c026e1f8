package io.vigil.server.security;

import io.vigil.core.access.Access;
import io.vigil.core.access.Permission;
import io.vigil.core.tenant.Tenant;
import io.vigil.server.tenant.TenantResolver;
import io.vigil.store.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Enforces every REST handler's access rule, the one place where permissions meet requests. The rule is the
 * handler's {@link Requires}, {@link Authenticated} or {@link Public} annotation (on the method, else on its
 * class); a handler without exactly one is refused to everyone, so a new endpoint is closed until it states who
 * may call it.
 *
 * <p>For a tenant permission the tenant is the {@code {tenant}} path variable (id or slug): an unknown tenant and a
 * tenant the caller cannot see both answer the same 404, so nobody learns which tenants exist; a visible tenant
 * without the permission answers 403. Sessions that must first change a password or enrol MFA reach only
 * {@code @Authenticated(evenRestricted = true)} endpoints.
 */
public final class AccessInterceptor implements HandlerInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(AccessInterceptor.class);

    /** The access rule of one handler. */
    public sealed interface Rule {
        record RequiresPermission(Permission permission) implements Rule {
        }

        record AnyAuthenticated(boolean evenRestricted) implements Rule {
        }

        record Open() implements Rule {
        }
    }

    private final TenantResolver tenants;

    public AccessInterceptor(TenantResolver tenants) {
        this.tenants = tenants;
    }

    /**
     * The rule a handler declares.
     *
     * @throws IllegalStateException naming the handler when it declares none or several
     */
    public static Rule ruleOf(HandlerMethod handler) {
        List<Rule> onMethod = rules(handler.getMethod());
        List<Rule> rules = onMethod.isEmpty() ? rules(handler.getBeanType()) : onMethod;
        if (rules.size() != 1) {
            throw new IllegalStateException(handler.getShortLogMessage() + " must declare exactly one access rule "
                    + "(@Requires, @Authenticated or @Public), found " + rules.size());
        }
        return rules.getFirst();
    }

    private static List<Rule> rules(AnnotatedElement element) {
        List<Rule> rules = new ArrayList<>(1);
        Requires requires = element.getAnnotation(Requires.class);
        if (requires != null) {
            rules.add(new Rule.RequiresPermission(requires.value()));
        }
        Authenticated authenticated = element.getAnnotation(Authenticated.class);
        if (authenticated != null) {
            rules.add(new Rule.AnyAuthenticated(authenticated.evenRestricted()));
        }
        if (element.getAnnotation(Public.class) != null) {
            rules.add(new Rule.Open());
        }
        return rules;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            throw new AccessDeniedProblem("no such endpoint");
        }
        if (method.getBeanType() == BasicErrorController.class) {
            return true; // renders the error of a request that was already decided
        }
        Rule rule;
        try {
            rule = ruleOf(method);
        } catch (IllegalStateException undeclared) {
            LOG.error("refusing request: {}", undeclared.getMessage());
            request.setAttribute(AccessAttributes.DENIED, "endpoint declares no access rule");
            throw new AccessDeniedProblem("this endpoint is not open to anyone");
        }
        switch (rule) {
            case Rule.Open open -> {
                return true;
            }
            case Rule.AnyAuthenticated any -> {
                VigilPrincipal principal = authenticated(request);
                if (principal.restricted() && !any.evenRestricted()) {
                    throw restricted(request, principal);
                }
                return true;
            }
            case Rule.RequiresPermission requires -> {
                VigilPrincipal principal = authenticated(request);
                if (principal.restricted()) {
                    throw restricted(request, principal);
                }
                check(request, principal.access(), requires.permission());
                return true;
            }
        }
    }

    private void check(HttpServletRequest request, Access access, Permission permission) {
        request.setAttribute(AccessAttributes.PERMISSION, permission);
        String reference = tenantReference(request);
        if (permission.isPlatform()) {
            if (reference != null) {
                visibleTenant(request, access, reference);
            }
            if (!access.can(permission)) {
                throw denied(request, permission);
            }
            return;
        }
        if (reference == null) {
            throw new IllegalStateException("tenant permission " + permission.code() + " on an endpoint without {tenant}: "
                    + request.getRequestURI());
        }
        Tenant tenant = visibleTenant(request, access, reference);
        if (!access.can(permission, tenant.id())) {
            throw denied(request, permission);
        }
    }

    private Tenant visibleTenant(HttpServletRequest request, Access access, String reference) {
        Tenant tenant = tenants.resolve(reference);
        request.setAttribute(AccessAttributes.CONCERNED_TENANT, tenant.id());
        if (!access.sees(tenant.id())) {
            request.setAttribute(AccessAttributes.DENIED, "tenant not visible to the caller");
            throw new NotFoundException(TenantResolver.notFoundMessage(reference));
        }
        request.setAttribute(AccessAttributes.TENANT, tenant);
        return tenant;
    }

    private static AccessDeniedProblem denied(HttpServletRequest request, Permission permission) {
        request.setAttribute(AccessAttributes.DENIED, "missing permission " + permission.code());
        return new AccessDeniedProblem("this needs the permission '" + permission.code() + "'");
    }

    private static AccessDeniedProblem restricted(HttpServletRequest request, VigilPrincipal principal) {
        String todo = switch (principal.restriction()) {
            case PASSWORD_CHANGE -> "change your password first (POST /api/v1/auth/password)";
            case MFA_ENROLMENT -> "enrol a second factor first (POST /api/v1/auth/mfa/totp)";
            case NONE -> throw new IllegalStateException("not restricted");
        };
        request.setAttribute(AccessAttributes.DENIED, "session restricted: " + principal.restriction());
        return new AccessDeniedProblem(todo);
    }

    private static VigilPrincipal authenticated(HttpServletRequest request) {
        return VigilPrincipal.current().orElseThrow(() -> {
            request.setAttribute(AccessAttributes.DENIED, "not authenticated");
            return new AuthenticationRequiredProblem();
        });
    }

    @SuppressWarnings("unchecked")
    private static String tenantReference(HttpServletRequest request) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return variables instanceof Map<?, ?> map ? ((Map<String, String>) map).get("tenant") : null;
    }
}
