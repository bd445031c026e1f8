package io.vigil.soc.contract;

import io.vigil.soc.Priority;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the MSSP owes the client per breached target, in {@code unit} (a currency code or {@code percent} of the
 * monthly fee), capped per month.
 *
 * @param monthlyCap the most owed for one month; null for no cap
 */
public record ServiceCredits(String unit, Map<Priority, BigDecimal> perResponseBreach,
                             Map<Priority, BigDecimal> perResolutionBreach, BigDecimal monthlyCap) {

    public ServiceCredits {
        unit = Contract.requireText("service credit unit", unit, 1, 16);
        perResponseBreach = amounts("response", perResponseBreach);
        perResolutionBreach = amounts("resolution", perResolutionBreach);
        if (monthlyCap != null && monthlyCap.signum() < 0) {
            throw new IllegalArgumentException("the monthly cap of service credits must not be negative");
        }
    }

    public static ServiceCredits none() {
        return new ServiceCredits("percent", Map.of(), Map.of(), null);
    }

    /** The credit for one breach; zero when the contract names none for the priority. */
    public BigDecimal forBreach(boolean response, Priority priority) {
        return (response ? perResponseBreach : perResolutionBreach).getOrDefault(priority, BigDecimal.ZERO);
    }

    private static Map<Priority, BigDecimal> amounts(String clock, Map<Priority, BigDecimal> amounts) {
        Map<Priority, BigDecimal> copy = new EnumMap<>(Priority.class);
        amounts.forEach((priority, amount) -> {
            Objects.requireNonNull(amount, clock + " credit of " + priority);
            if (amount.signum() < 0 || amount.scale() > 4 || amount.compareTo(BigDecimal.valueOf(1_000_000_000)) > 0) {
                throw new IllegalArgumentException(clock + " credit of " + priority
                        + " must be 0 to 1e9 with at most 4 decimals, was " + amount.toPlainString());
            }
            copy.put(priority, amount);
        });
        return java.util.Collections.unmodifiableMap(copy);
    }
}
