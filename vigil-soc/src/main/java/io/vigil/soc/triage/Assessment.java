package io.vigil.soc.triage;

import io.vigil.soc.Priority;

/** A priority with the arithmetic behind it, shown to analysts as the reason. */
public record Assessment(Priority priority, int score, String reason) {
}
