package io.vigil.server.config;

import io.vigil.core.access.Role;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Just-in-time access policy (see docs/security.md, "Just-in-time access").
 *
 * @param maxDuration      longest grant anyone can request or approve, in whole minutes (1 minute to 7 days)
 * @param requestableRoles the MSSP roles that can be requested, as role codes separated by commas; client roles are
 *                         refused, and {@code platform-admin} is requestable only when listed here
 * @param decisionTimeout  how long a request waits for a decision before it expires (1 minute to 30 days)
 * @param expiryInterval   how often the server looks for undecided requests and ended grants to mark expired and
 *                         audit (1 second to 10 minutes); a grant stops counting at its expiry whatever this is
 */
public record JitSettings(Duration maxDuration, List<String> requestableRoles, Duration decisionTimeout,
                          Duration expiryInterval) {

    public JitSettings {
        maxDuration = maxDuration == null ? Duration.ofHours(8) : maxDuration;
        requestableRoles = requestableRoles == null
                ? List.of(Role.ANALYST_T2.code(), Role.ANALYST_T3.code(), Role.DETECTION_ENGINEER.code(),
                        Role.SOC_MANAGER.code())
                : requestableRoles.stream().map(String::strip).filter(code -> !code.isEmpty()).toList();
        decisionTimeout = decisionTimeout == null ? Duration.ofHours(24) : decisionTimeout;
        expiryInterval = expiryInterval == null ? Duration.ofSeconds(5) : expiryInterval;
        requireBetween("max-duration", maxDuration, Duration.ofMinutes(1), Duration.ofDays(7));
        if (maxDuration.toSecondsPart() != 0 || maxDuration.toNanosPart() != 0) {
            throw new IllegalArgumentException("vigil.access.jit.max-duration must be whole minutes, was " + maxDuration);
        }
        requireBetween("decision-timeout", decisionTimeout, Duration.ofMinutes(1), Duration.ofDays(30));
        requireBetween("expiry-interval", expiryInterval, Duration.ofSeconds(1), Duration.ofMinutes(10));
        for (String code : requestableRoles) {
            Role role;
            try {
                role = Role.ofCode(code);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("vigil.access.jit.requestable-roles: " + e.getMessage());
            }
            if (role.audience() != Role.Audience.MSSP) {
                throw new IllegalArgumentException("vigil.access.jit.requestable-roles: " + code
                        + " is a client role; only MSSP roles can be requested");
            }
        }
    }

    /** The requestable roles. */
    public Set<Role> roles() {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        requestableRoles.forEach(code -> roles.add(Role.ofCode(code)));
        return roles;
    }

    private static void requireBetween(String key, Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException("vigil.access.jit." + key + " must be " + min + " to " + max + ", was " + value);
        }
    }
}
