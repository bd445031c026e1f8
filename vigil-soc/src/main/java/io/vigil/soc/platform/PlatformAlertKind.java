package io.vigil.soc.platform;

import java.util.Locale;

/**
 * What an operator alert is about. Each kind has one {@link PlatformCondition} that watches for it; a new platform
 * condition (a pipeline that keeps failing, a certificate about to expire, a cluster node down) is a new constant here
 * and a condition bean, and reuses everything else: episodes, delivery, audit and the API.
 */
public enum PlatformAlertKind {

    /** The journal refuses appends because its storage cannot take them: disk full, or writes or fsyncs failing. */
    JOURNAL_STORAGE("Journal storage refuses appends");

    private final String title;

    PlatformAlertKind(String title) {
        this.title = title;
    }

    /** Kebab-case name, as the API, the audit log and webhook bodies show it. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A short line for operators. */
    public String title() {
        return title;
    }
}
