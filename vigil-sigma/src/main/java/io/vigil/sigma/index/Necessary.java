package io.vigil.sigma.index;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What must hold of an event for a rule (or part of one) to match: either nothing the index can test
 * ({@link Anything}) or at least one of a set of atoms ({@link OneOf}; an empty set means the part never matches).
 */
sealed interface Necessary {

    Anything ANYTHING = new Anything();

    record Anything() implements Necessary {
    }

    record OneOf(Set<Atom> atoms) implements Necessary {
        public OneOf {
            atoms = Set.copyOf(atoms);
        }
    }

    static Necessary of(Atom atom) {
        return new OneOf(Set.of(atom));
    }

    /** For "any of the parts holds": every part's atoms; nothing is necessary if one part needs nothing. */
    static Necessary union(List<Necessary> parts) {
        Set<Atom> atoms = new LinkedHashSet<>();
        for (Necessary part : parts) {
            switch (part) {
                case Anything anything -> {
                    return ANYTHING;
                }
                case OneOf oneOf -> atoms.addAll(oneOf.atoms());
            }
        }
        return new OneOf(atoms);
    }

    /** For "all of the parts hold": any one part's condition is necessary; the most selective is kept. */
    static Necessary mostSelective(List<Necessary> parts) {
        Necessary best = ANYTHING;
        double bestCost = Double.POSITIVE_INFINITY;
        for (Necessary part : parts) {
            if (part instanceof OneOf oneOf) {
                double cost = cost(oneOf);
                if (cost < bestCost) {
                    best = part;
                    bestCost = cost;
                }
            }
        }
        return best;
    }

    /**
     * Fields by which Windows events are routed to logsources. Within a routed set of rules an exact value of one
     * of them is shared by every event of the kind (every 4624 logon is {@code EventID: 4624}), so it is a poor
     * atom when the rule has another: {@code EventID: 4624 and LogonType: 10} is indexed by its logon type.
     */
    static final Set<String> ROUTING_FIELDS = Set.of("EventID", "Channel", "Provider_Name");

    /**
     * A rough guess of how often the disjunction holds: exact values are rare (less so for {@link #ROUTING_FIELDS}),
     * long literals rarer than short ones, and keyword literals are searched in every value of the event. Only the
     * ranking matters.
     */
    static double cost(OneOf oneOf) {
        double cost = 0;
        for (Atom atom : oneOf.atoms()) {
            cost += switch (atom) {
                case Atom.FieldEquals equals -> ROUTING_FIELDS.contains(equals.field()) ? 6 : 1;
                case Atom.FieldNumber number -> ROUTING_FIELDS.contains(number.field()) ? 6 : 1;
                case Atom.FieldContains contains -> 2 + shortness(contains.literal());
                case Atom.KeywordContains keyword -> 4 + shortness(keyword.literal());
            };
        }
        return cost;
    }

    /**
     * How much more often a literal holds for being short: falling with the square of its length, since a short
     * literal is a common token ({@code .exe} ends nearly every image name) and each character more makes a chance
     * occurrence much rarer. Two ten-character literals so cost less than one {@code .exe}.
     */
    private static double shortness(String literal) {
        double length = literal.codePointCount(0, literal.length());
        return 64 / (length * length);
    }
}
