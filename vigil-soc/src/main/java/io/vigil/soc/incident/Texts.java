package io.vigil.soc.incident;

/** Bounds on free text: hostile input is cut or refused, never stored unbounded. */
final class Texts {

    static final int MAX_NOTE = 20_000;

    private Texts() {
    }

    /** @throws IllegalArgumentException naming the field when blank or longer than {@code max} */
    static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(field + " is longer than " + max + " characters");
        }
        return value;
    }

    static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
