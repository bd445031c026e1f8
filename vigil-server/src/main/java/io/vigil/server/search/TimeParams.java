package io.vigil.server.search;

import io.vigil.core.search.TimeRange;
import io.vigil.server.api.InvalidRequestException;
import io.vigil.core.api.ApiError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The required {@code from} and {@code to} of a store query: an ISO instant ({@code 2025-03-01T10:00:00Z}), a UTC
 * day ({@code 2025-03-01}), {@code now} or {@code now-<n><s|m|h|d>}.
 */
public final class TimeParams {

    private static final Pattern RELATIVE = Pattern.compile("now(?:-(\\d{1,9})([smhd]))?");

    private TimeParams() {
    }

    public static TimeRange range(String from, String to, Clock clock) {
        List<ApiError.Problem> problems = new ArrayList<>();
        Instant start = parse("from", from, clock, problems);
        Instant end = parse("to", to, clock, problems);
        if (problems.isEmpty() && !start.isBefore(end)) {
            problems.add(new ApiError.Problem("to", "must be after from (" + from + ")"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("a time range is required: " + problems.size() + " problem(s)", problems);
        }
        return new TimeRange(start, end);
    }

    private static Instant parse(String name, String text, Clock clock, List<ApiError.Problem> problems) {
        if (text == null || text.isBlank()) {
            problems.add(new ApiError.Problem(name, "is required"));
            return null;
        }
        String t = text.trim();
        Matcher relative = RELATIVE.matcher(t);
        if (relative.matches()) {
            Instant now = clock.instant();
            if (relative.group(1) == null) {
                return now;
            }
            long amount = Long.parseLong(relative.group(1));
            Duration unit = switch (relative.group(2)) {
                case "s" -> Duration.ofSeconds(1);
                case "m" -> Duration.ofMinutes(1);
                case "h" -> Duration.ofHours(1);
                default -> Duration.ofDays(1);
            };
            return now.minus(unit.multipliedBy(amount));
        }
        try {
            return t.length() == 10 ? LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(t);
        } catch (DateTimeParseException e) {
            problems.add(new ApiError.Problem(name, "'" + text + "' is no time: use 2025-03-01T10:00:00Z, 2025-03-01, now or now-24h"));
            return null;
        }
    }
}
