package io.vigil.server.hunt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * ATT&CK technique id &rarr; tactic shortnames, from {@code io/vigil/content/attack/techniques.json} (ATT&CK
 * v18.1, see the NOTICE.md beside it). Sigma tags {@code attack.t1059.001} resolve to the sub-technique, else to
 * its parent; an id in neither (e.g. from a newer ATT&CK release) counts as {@value #UNKNOWN}.
 */
public final class AttackTactics {

    public static final String UNKNOWN = "unknown";
    static final String RESOURCE = "/io/vigil/content/attack/techniques.json";

    private final Map<String, List<String>> tacticsByTechnique;

    AttackTactics(Map<String, List<String>> tacticsByTechnique) {
        this.tacticsByTechnique = Map.copyOf(tacticsByTechnique);
    }

    public static AttackTactics load() {
        try (InputStream in = AttackTactics.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE + " (vigil-content)");
            }
            Map<String, List<String>> map = new HashMap<>();
            JsonNode techniques = new ObjectMapper().readTree(in).path("techniques");
            techniques.fields().forEachRemaining(entry -> {
                List<String> tactics = new ArrayList<>();
                entry.getValue().path("tactics").forEach(tactic -> tactics.add(tactic.asText()));
                map.put(entry.getKey().toUpperCase(Locale.ROOT), tactics);
            });
            return new AttackTactics(map);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tactics of every technique tag; empty when the rule has no technique tag. */
    public Set<String> of(List<String> tags) {
        Set<String> tactics = new TreeSet<>();
        for (String tag : tags) {
            String lower = tag.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("attack.t") || lower.length() < 9 || !Character.isDigit(lower.charAt(8))) {
                continue;
            }
            String id = lower.substring("attack.".length()).toUpperCase(Locale.ROOT);
            List<String> found = tacticsByTechnique.get(id);
            if (found == null && id.indexOf('.') > 0) {
                found = tacticsByTechnique.get(id.substring(0, id.indexOf('.')));
            }
            if (found == null || found.isEmpty()) {
                tactics.add(UNKNOWN);
            } else {
                tactics.addAll(found);
            }
        }
        return tactics;
    }

    public int size() {
        return tacticsByTechnique.size();
    }
}
