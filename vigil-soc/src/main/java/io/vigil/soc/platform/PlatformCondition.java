package io.vigil.soc.platform;

import java.util.List;

/**
 * Watches the installation for one {@link PlatformAlertKind}. {@link PlatformAlerts} asks every condition on each
 * round; what {@link #check()} returns is the whole truth at that moment, so a problem missing from the answer is
 * over (after the hold-down time).
 */
public interface PlatformCondition {

    PlatformAlertKind kind();

    /**
     * The problems of this kind now, each with a distinct key; empty when all is well. Must be quick and must not
     * write to disk (it runs while disks may be full).
     *
     * @throws RuntimeException when it cannot tell; open alerts of this kind then stay as they are
     */
    List<PlatformProblem> check();
}
