package io.vigil.server.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint open to any authenticated principal, which sees only what its own access allows (its own account,
 * the tenants it may see). With {@link #evenRestricted()} it is also open to a session that must still change its
 * password or enrol MFA (the endpoints that do exactly that).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Authenticated {
    boolean evenRestricted() default false;
}
