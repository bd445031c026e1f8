package io.vigil.sigma;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Every value modifier of the Sigma modifiers appendix v2.1.0, plus the long names pySigma accepts for re flags. */
enum Modifier {
    CONTAINS, STARTSWITH, ENDSWITH, ALL, EXISTS, CASED, NEQ, WINDASH,
    RE, RE_I, RE_M, RE_S,
    BASE64, BASE64OFFSET, UTF16LE, UTF16BE, UTF16, WIDE,
    LT, LTE, GT, GTE,
    MINUTE, HOUR, DAY, WEEK, MONTH, YEAR,
    CIDR, EXPAND, FIELDREF;

    private static final Map<String, Modifier> BY_NAME = Map.ofEntries(
            Map.entry("i", RE_I), Map.entry("ignorecase", RE_I),
            Map.entry("m", RE_M), Map.entry("multiline", RE_M),
            Map.entry("s", RE_S), Map.entry("dotall", RE_S));

    static Optional<Modifier> named(String name) {
        Modifier alias = BY_NAME.get(name);
        if (alias != null) {
            return Optional.of(alias);
        }
        for (Modifier modifier : values()) {
            if (!modifier.name().startsWith("RE_") && modifier.name().toLowerCase(Locale.ROOT).equals(name)) {
                return Optional.of(modifier);
            }
        }
        return Optional.empty();
    }

    boolean isAnchor() {
        return this == CONTAINS || this == STARTSWITH || this == ENDSWITH;
    }

    boolean isRegexFlag() {
        return this == RE_I || this == RE_M || this == RE_S;
    }

    boolean isUtf16() {
        return this == UTF16LE || this == UTF16BE || this == UTF16 || this == WIDE;
    }

    boolean isBase64() {
        return this == BASE64 || this == BASE64OFFSET;
    }

    boolean isComparison() {
        return this == LT || this == LTE || this == GT || this == GTE;
    }

    boolean isTimePart() {
        return this == MINUTE || this == HOUR || this == DAY || this == WEEK || this == MONTH || this == YEAR;
    }

    String display() {
        return switch (this) {
            case RE_I -> "i";
            case RE_M -> "m";
            case RE_S -> "s";
            default -> name().toLowerCase(Locale.ROOT);
        };
    }
}
