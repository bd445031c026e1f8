package io.vigil.server.security;

import io.vigil.core.access.Permission;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission a REST endpoint needs. A {@link Permission.Level#TENANT tenant} permission is checked on the
 * tenant named by the endpoint's {@code {tenant}} path variable: a tenant the caller cannot see answers 404, a
 * visible one without the permission 403. Every handler method carries exactly one of {@code @Requires},
 * {@link Authenticated} or {@link Public} (on the method or its class); {@link AccessInterceptor} refuses any
 * handler without one.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Requires {
    Permission value();
}
