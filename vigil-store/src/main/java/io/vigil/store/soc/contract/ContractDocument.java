package io.vigil.store.soc.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.core.api.ApiError.Problem;
import io.vigil.soc.IncidentState;
import io.vigil.soc.Priority;
import io.vigil.soc.Tier;
import io.vigil.soc.contract.Contact;
import io.vigil.soc.contract.Contract;
import io.vigil.soc.contract.Coverage;
import io.vigil.soc.contract.EscalationStep;
import io.vigil.soc.contract.Responsibility;
import io.vigil.soc.contract.ServiceCredits;
import io.vigil.soc.contract.Targets;
import io.vigil.soc.contract.TimeWindow;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A {@link Contract} as JSON, both ways: what the REST API accepts and answers and what the store keeps. Parsing
 * reads field by field (never binds request data to types) and reports every problem with its JSON path. Durations
 * are ISO-8601 ({@code PT15M}), warning thresholds fractions with at most three decimals, absent sections take the
 * defaults of {@link Contract#defaults()}.
 */
public final class ContractDocument {

    /** The result of parsing: a contract or the problems found. */
    public sealed interface Parsed {
        record Valid(Contract contract) implements Parsed {
        }

        record Invalid(List<Problem> problems) implements Parsed {
        }
    }

    private static final Set<String> TOP = Set.of("targets", "coverage", "alwaysCovered", "pausingStates", "warnings",
            "contacts", "escalation", "scope", "credits");

    private final List<Problem> problems = new ArrayList<>();
    private final ZoneId defaultZone;

    private ContractDocument(ZoneId defaultZone) {
        this.defaultZone = defaultZone;
    }

    /**
     * @param defaultZone the time zone of business hours that name none (the tenant's)
     */
    public static Parsed parse(JsonNode json, ZoneId defaultZone) {
        return new ContractDocument(defaultZone).read(json);
    }

    private Parsed read(JsonNode json) {
        if (json == null || !json.isObject()) {
            return new Parsed.Invalid(List.of(new Problem(null, "a contract is a JSON object")));
        }
        json.fieldNames().forEachRemaining(name -> {
            if (!TOP.contains(name)) {
                problems.add(new Problem(name, "unknown field; fields are " + new java.util.TreeSet<>(TOP)));
            }
        });
        Contract d = Contract.defaults();
        Map<Priority, Targets> targets = json.has("targets") ? targets(json.get("targets")) : d.targets();
        Coverage coverage = json.has("coverage") ? coverage(json.get("coverage")) : d.coverage();
        Set<Priority> always = json.has("alwaysCovered")
                ? enumSet(json.get("alwaysCovered"), "alwaysCovered", Priority.class, Priority::parse) : d.alwaysCovered();
        Set<IncidentState> pausing = json.has("pausingStates")
                ? enumSet(json.get("pausingStates"), "pausingStates", IncidentState.class, code -> {
                    IncidentState state = IncidentState.ofCode(code);
                    if (state == IncidentState.NEW || state.isFinished()) {
                        throw new IllegalArgumentException("state " + code + " cannot pause the clocks");
                    }
                    return state;
                }) : d.pausingStates();
        List<Integer> warnings = json.has("warnings") ? warnings(json.get("warnings")) : d.warningPermille();
        List<Contact> contacts = json.has("contacts") ? contacts(json.get("contacts")) : List.of();
        List<EscalationStep> escalation = json.has("escalation") ? escalation(json.get("escalation")) : List.of();
        Map<String, Responsibility> scope = json.has("scope") ? scope(json.get("scope")) : Map.of();
        ServiceCredits credits = json.has("credits") ? credits(json.get("credits")) : d.credits();
        if (!problems.isEmpty()) {
            return new Parsed.Invalid(problems);
        }
        Contract contract = field(null, () -> new Contract(targets, coverage, always, pausing, warnings, contacts, escalation,
                scope, credits));
        return problems.isEmpty() ? new Parsed.Valid(contract) : new Parsed.Invalid(problems);
    }

    /** The contract as JSON in the shape {@link #parse} reads. */
    public static ObjectNode write(Contract contract, ObjectMapper json) {
        ObjectNode root = json.createObjectNode();
        ObjectNode targets = root.putObject("targets");
        contract.targets().forEach((p, t) -> targets.putObject(p.name()).put("response", t.response().toString())
                .put("resolution", t.resolution().toString()));
        ObjectNode coverage = root.putObject("coverage");
        switch (contract.coverage()) {
            case Coverage.AroundTheClock a -> coverage.put("type", "24x7");
            case Coverage.BusinessHours h -> {
                coverage.put("type", "business-hours").put("timezone", h.zone().getId());
                ObjectNode hours = coverage.putObject("hours");
                h.hours().forEach((day, windows) -> {
                    ArrayNode list = hours.putArray(day.name().toLowerCase(Locale.ROOT));
                    windows.forEach(w -> list.add(w.toString()));
                });
                ArrayNode holidays = coverage.putArray("holidays");
                h.holidays().forEach(day -> holidays.add(day.toString()));
            }
        }
        ArrayNode always = root.putArray("alwaysCovered");
        contract.alwaysCovered().forEach(p -> always.add(p.name()));
        ArrayNode pausing = root.putArray("pausingStates");
        contract.pausingStates().forEach(s -> pausing.add(s.code()));
        ArrayNode warnings = root.putArray("warnings");
        contract.warningPermille().forEach(w -> warnings.add(BigDecimal.valueOf(w, 3).stripTrailingZeros()));
        ArrayNode contacts = root.putArray("contacts");
        contract.contacts().forEach(c -> contacts.addObject().put("id", c.id()).put("name", c.name()).put("role", c.role())
                .put("email", c.email()).put("phone", c.phone()));
        ArrayNode escalation = root.putArray("escalation");
        contract.escalation().forEach(s -> {
            ObjectNode step = escalation.addObject().put("after", s.after().toString());
            ArrayNode priorities = step.putArray("priorities");
            s.priorities().stream().sorted().forEach(p -> priorities.add(p.name()));
            step.put("tier", s.tier().name()).put("contact", s.contact());
        });
        ObjectNode scope = root.putObject("scope");
        contract.scope().forEach((activity, who) -> scope.put(activity, who.code()));
        ObjectNode credits = root.putObject("credits").put("unit", contract.credits().unit());
        ObjectNode response = credits.putObject("perResponseBreach");
        contract.credits().perResponseBreach().forEach((p, amount) -> response.put(p.name(), amount));
        ObjectNode resolution = credits.putObject("perResolutionBreach");
        contract.credits().perResolutionBreach().forEach((p, amount) -> resolution.put(p.name(), amount));
        if (contract.credits().monthlyCap() != null) {
            credits.put("monthlyCap", contract.credits().monthlyCap());
        } else {
            credits.putNull("monthlyCap");
        }
        return root;
    }

    private <T> T field(String path, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException | DateTimeException | NullPointerException | ArithmeticException e) {
            problems.add(new Problem(path, e.getMessage() == null ? "required" : e.getMessage()));
            return null;
        }
    }

    private boolean object(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            problems.add(new Problem(path, "must be a JSON object"));
            return false;
        }
        return true;
    }

    private boolean array(JsonNode node, String path, int max) {
        if (node == null || !node.isArray()) {
            problems.add(new Problem(path, "must be a JSON array"));
            return false;
        }
        if (node.size() > max) {
            problems.add(new Problem(path, "at most " + max + " entries"));
            return false;
        }
        return true;
    }

    private String text(JsonNode parent, String name, String path, boolean required) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            if (required) {
                problems.add(new Problem(path + "." + name, "required"));
            }
            return null;
        }
        if (!node.isTextual()) {
            problems.add(new Problem(path + "." + name, "must be a string"));
            return null;
        }
        return node.asText();
    }

    private Duration duration(JsonNode parent, String name, String path) {
        String text = text(parent, name, path, true);
        return text == null ? null : field(path + "." + name, () -> {
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("an ISO-8601 duration such as PT15M or PT4H, not '" + text + "'");
            }
        });
    }

    private Map<Priority, Targets> targets(JsonNode node) {
        Map<Priority, Targets> targets = new EnumMap<>(Contract.DEFAULT_TARGETS);
        if (!object(node, "targets")) {
            return targets;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = "targets." + e.getKey();
            Priority p = field(path, () -> Priority.parse(e.getKey()));
            if (p == null || !object(e.getValue(), path)) {
                continue;
            }
            Duration response = duration(e.getValue(), "response", path);
            Duration resolution = duration(e.getValue(), "resolution", path);
            if (response != null && resolution != null) {
                Targets t = field(path, () -> new Targets(response, resolution));
                if (t != null) {
                    targets.put(p, t);
                }
            }
        }
        return targets;
    }

    private Coverage coverage(JsonNode node) {
        if (!object(node, "coverage")) {
            return null;
        }
        String type = text(node, "type", "coverage", true);
        if ("24x7".equals(type)) {
            return new Coverage.AroundTheClock();
        }
        if (!"business-hours".equals(type)) {
            if (type != null) {
                problems.add(new Problem("coverage.type", "must be 24x7 or business-hours, not '" + type + "'"));
            }
            return null;
        }
        String zoneText = text(node, "timezone", "coverage", false);
        ZoneId zone = zoneText == null ? defaultZone : field("coverage.timezone", () -> ZoneId.of(zoneText));
        Map<DayOfWeek, List<TimeWindow>> hours = new EnumMap<>(DayOfWeek.class);
        JsonNode hoursNode = node.get("hours");
        if (object(hoursNode, "coverage.hours")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = hoursNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String path = "coverage.hours." + e.getKey();
                DayOfWeek day = field(path, () -> {
                    try {
                        return DayOfWeek.valueOf(e.getKey().toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException bad) {
                        throw new IllegalArgumentException("a day of the week (monday … sunday), not '" + e.getKey() + "'");
                    }
                });
                if (day == null || !array(e.getValue(), path, Coverage.BusinessHours.MAX_WINDOWS_PER_DAY)) {
                    continue;
                }
                List<TimeWindow> windows = new ArrayList<>();
                for (int i = 0; i < e.getValue().size(); i++) {
                    JsonNode w = e.getValue().get(i);
                    TimeWindow window = field(path + "[" + i + "]", () -> TimeWindow.parse(w.isTextual() ? w.asText() : null));
                    if (window != null) {
                        windows.add(window);
                    }
                }
                hours.put(day, windows);
            }
        }
        Set<LocalDate> holidays = new HashSet<>();
        JsonNode holidayNode = node.get("holidays");
        if (holidayNode != null && array(holidayNode, "coverage.holidays", Coverage.BusinessHours.MAX_HOLIDAYS)) {
            for (int i = 0; i < holidayNode.size(); i++) {
                JsonNode h = holidayNode.get(i);
                LocalDate day = field("coverage.holidays[" + i + "]", () -> {
                    try {
                        return LocalDate.parse(h.asText());
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException("a date YYYY-MM-DD, not '" + h.asText() + "'");
                    }
                });
                if (day != null) {
                    holidays.add(day);
                }
            }
        }
        return zone == null ? null : field("coverage", () -> new Coverage.BusinessHours(zone, hours, holidays));
    }

    private <E extends Enum<E>> Set<E> enumSet(JsonNode node, String path, Class<E> type, java.util.function.Function<String, E> parse) {
        Set<E> set = EnumSet.noneOf(type);
        if (array(node, path, 16)) {
            for (int i = 0; i < node.size(); i++) {
                String text = node.get(i).asText();
                E value = field(path + "[" + i + "]", () -> parse.apply(text));
                if (value != null) {
                    set.add(value);
                }
            }
        }
        return set;
    }

    private List<Integer> warnings(JsonNode node) {
        List<Integer> permille = new ArrayList<>();
        if (array(node, "warnings", Contract.MAX_WARNINGS)) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode w = node.get(i);
                Integer value = field("warnings[" + i + "]", () -> {
                    if (!w.isNumber()) {
                        throw new IllegalArgumentException("a fraction such as 0.75");
                    }
                    BigDecimal thousandths = w.decimalValue().movePointRight(3);
                    if (thousandths.stripTrailingZeros().scale() > 0 || thousandths.signum() <= 0
                            || thousandths.compareTo(BigDecimal.valueOf(1000)) >= 0) {
                        throw new IllegalArgumentException("a fraction above 0 and below 1 with at most three decimals, not "
                                + w.asText());
                    }
                    return thousandths.intValueExact();
                });
                if (value != null) {
                    permille.add(value);
                }
            }
        }
        permille.sort(null);
        return permille;
    }

    private List<Contact> contacts(JsonNode node) {
        List<Contact> contacts = new ArrayList<>();
        if (array(node, "contacts", Contract.MAX_CONTACTS)) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode c = node.get(i);
                String path = "contacts[" + i + "]";
                if (object(c, path)) {
                    String id = text(c, "id", path, true);
                    String name = text(c, "name", path, true);
                    Contact contact = id == null || name == null ? null : field(path, () -> new Contact(id, name,
                            text(c, "role", path, false), text(c, "email", path, false), text(c, "phone", path, false)));
                    if (contact != null) {
                        contacts.add(contact);
                    }
                }
            }
        }
        return contacts;
    }

    private List<EscalationStep> escalation(JsonNode node) {
        List<EscalationStep> steps = new ArrayList<>();
        if (array(node, "escalation", Contract.MAX_ESCALATION_STEPS)) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode s = node.get(i);
                String path = "escalation[" + i + "]";
                if (!object(s, path)) {
                    continue;
                }
                Duration after = duration(s, "after", path);
                Set<Priority> priorities = s.has("priorities") ? enumSet(s.get("priorities"), path + ".priorities",
                        Priority.class, Priority::parse) : EnumSet.allOf(Priority.class);
                String tierText = text(s, "tier", path, true);
                Tier tier = tierText == null ? null : field(path + ".tier", () -> Tier.parse(tierText));
                String contact = text(s, "contact", path, false);
                if (after != null && tier != null) {
                    EscalationStep step = field(path, () -> new EscalationStep(after, priorities, tier, contact));
                    if (step != null) {
                        steps.add(step);
                    }
                }
            }
        }
        return steps;
    }

    private Map<String, Responsibility> scope(JsonNode node) {
        Map<String, Responsibility> scope = new LinkedHashMap<>();
        if (object(node, "scope")) {
            if (node.size() > Contract.MAX_SCOPE_ENTRIES) {
                problems.add(new Problem("scope", "at most " + Contract.MAX_SCOPE_ENTRIES + " activities"));
                return scope;
            }
            node.fields().forEachRemaining(e -> {
                Responsibility who = field("scope." + e.getKey(), () -> Responsibility.ofCode(e.getValue().asText()));
                if (who != null) {
                    scope.put(e.getKey(), who);
                }
            });
        }
        return scope;
    }

    private ServiceCredits credits(JsonNode node) {
        if (!object(node, "credits")) {
            return null;
        }
        String unit = text(node, "unit", "credits", true);
        Map<Priority, BigDecimal> response = amounts(node.get("perResponseBreach"), "credits.perResponseBreach");
        Map<Priority, BigDecimal> resolution = amounts(node.get("perResolutionBreach"), "credits.perResolutionBreach");
        JsonNode cap = node.get("monthlyCap");
        BigDecimal monthlyCap = cap == null || cap.isNull() ? null : field("credits.monthlyCap", () -> {
            if (!cap.isNumber()) {
                throw new IllegalArgumentException("a number");
            }
            return cap.decimalValue();
        });
        return unit == null ? null : field("credits", () -> new ServiceCredits(unit, response, resolution, monthlyCap));
    }

    private Map<Priority, BigDecimal> amounts(JsonNode node, String path) {
        Map<Priority, BigDecimal> amounts = new EnumMap<>(Priority.class);
        if (node == null || node.isNull() || !object(node, path)) {
            return amounts;
        }
        node.fields().forEachRemaining(e -> {
            Priority p = field(path + "." + e.getKey(), () -> Priority.parse(e.getKey()));
            if (p != null) {
                if (e.getValue().isNumber()) {
                    amounts.put(p, e.getValue().decimalValue());
                } else {
                    problems.add(new Problem(path + "." + e.getKey(), "must be a number"));
                }
            }
        });
        return amounts;
    }
}
