package io.vigil.soc.sla;

import java.time.Duration;

/** Durations as people read them in messages: {@code 2d 3h 15m}, seconds only when there are any. */
public final class Durations {

    private Durations() {
    }

    public static String text(Duration duration) {
        if (duration.isZero()) {
            return "0m";
        }
        StringBuilder out = new StringBuilder(duration.isNegative() ? "-" : "");
        Duration d = duration.abs();
        append(out, d.toDays(), "d");
        append(out, d.toHoursPart(), "h");
        append(out, d.toMinutesPart(), "m");
        append(out, d.toSecondsPart(), "s");
        if (out.isEmpty() || out.toString().equals("-")) {
            out.append(d.toMillis()).append("ms");
        }
        return out.toString().strip();
    }

    private static void append(StringBuilder out, long value, String unit) {
        if (value != 0) {
            out.append(out.isEmpty() || out.toString().equals("-") ? "" : " ").append(value).append(unit);
        }
    }
}
