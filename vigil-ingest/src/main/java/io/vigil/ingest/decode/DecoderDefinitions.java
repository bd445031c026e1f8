package io.vigil.ingest.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decoder content kept as data in vigil-content under {@code io/vigil/content/decoders/}: vendor families
 * ({@code families/*.json}) and delimited formats ({@code csv/*.json}), listed in {@code index.txt}. Loading
 * validates every file and rejects the set with all problems and their file names; every pattern is RE2/J, so
 * matching is linear in the input whatever the content.
 */
public final class DecoderDefinitions {

    public static final String INDEX = "io/vigil/content/decoders/index.txt";
    public static final DecoderDefinitions NONE = new DecoderDefinitions(List.of(), List.of());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<VendorFamily> families;
    private final List<CsvDefinition> delimited;
    private final FamilyClaims claims;

    DecoderDefinitions(List<VendorFamily> families, List<CsvDefinition> delimited) {
        this.families = List.copyOf(families);
        this.delimited = List.copyOf(delimited);
        this.claims = new FamilyClaims(this.families);
    }

    List<VendorFamily> families() {
        return families;
    }

    /** Which family claims a message, all families' pre-filters evaluated together. */
    FamilyClaims claims() {
        return claims;
    }

    List<CsvDefinition> delimited() {
        return delimited;
    }

    /** Family names, in the order they are tried. */
    public List<String> familyNames() {
        return families.stream().map(VendorFamily::name).toList();
    }

    /** Reads the index and every file it lists through {@code loader}. */
    public static DecoderDefinitions fromClasspath(ClassLoader loader) {
        List<String> files = new ArrayList<>();
        try (InputStream index = loader.getResourceAsStream(INDEX)) {
            if (index == null) {
                throw new IllegalStateException("decoder content missing from the classpath: " + INDEX);
            }
            new BufferedReader(new InputStreamReader(index, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String base = INDEX.substring(0, INDEX.lastIndexOf('/') + 1);
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        for (String file : files) {
            try (InputStream in = loader.getResourceAsStream(base + file)) {
                if (in == null) {
                    throw new IllegalStateException("decoder content listed in index.txt is missing: " + file);
                }
                documents.put(file, JSON.readTree(in));
            } catch (IOException e) {
                throw new IllegalArgumentException("decoder content " + file + " is not JSON: " + e.getMessage(), e);
            }
        }
        return parse(documents);
    }

    /** Builds definitions from parsed documents named by file; csv files are those under {@code csv/}. */
    static DecoderDefinitions parse(Map<String, JsonNode> documents) {
        List<String> problems = new ArrayList<>();
        Map<String, CsvDefinition> csv = new LinkedHashMap<>();
        documents.forEach((file, doc) -> {
            if (file.startsWith("csv/")) {
                CsvDefinition d = csv(file, doc, problems);
                if (d != null && csv.put(d.name(), d) != null) {
                    problems.add(file + ": csv definition '" + d.name() + "' defined twice");
                }
            }
        });
        List<VendorFamily> families = new ArrayList<>();
        documents.forEach((file, doc) -> {
            if (!file.startsWith("csv/")) {
                VendorFamily f = family(file, doc, csv, problems);
                if (f != null) {
                    families.add(f);
                }
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid decoder content: " + String.join("; ", problems));
        }
        return new DecoderDefinitions(families, List.copyOf(csv.values()));
    }

    private static CsvDefinition csv(String file, JsonNode doc, List<String> problems) {
        String name = doc.path("name").asText("");
        if (!name.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            problems.add(file + ": name must be lower-case letters, digits and '-', was '" + name + "'");
            return null;
        }
        String delimiter = unescape(doc.path("delimiter").asText(","));
        String quote = doc.path("quote").asText("\"");
        if (delimiter.length() != 1 || quote.length() > 1) {
            problems.add(file + ": delimiter must be one character and quote at most one");
            return null;
        }
        Map<String, List<String>> variants = new LinkedHashMap<>();
        doc.path("select").path("variants").properties().forEach(e -> variants.put(e.getKey(), strings(e.getValue())));
        return new CsvDefinition(name, doc.path("family").asText(name), delimiter.charAt(0),
                quote.isEmpty() ? 0 : quote.charAt(0), doc.hasNonNull("unset") ? doc.get("unset").asText() : null,
                doc.hasNonNull("headerPrefix") ? doc.get("headerPrefix").asText() : null,
                new java.util.LinkedHashSet<>(strings(doc.path("headerNames"))), strings(doc.path("columns")),
                doc.path("select").path("column").asInt(-1), variants);
    }

    private static VendorFamily family(String file, JsonNode doc, Map<String, CsvDefinition> csv, List<String> problems) {
        String name = doc.path("family").asText("");
        if (name.isBlank()) {
            problems.add(file + ": 'family' missing");
            return null;
        }
        String where = file + " (" + name + ")";
        Map<String, Regex> match = patterns(doc.path("match"), where + " match", problems);
        if (match.isEmpty()) {
            problems.add(where + ": 'match' must hold at least one field pattern");
        }
        Regex header = doc.hasNonNull("header") ? compile(doc.get("header").asText(), where + " header", problems) : null;
        VendorFamily.Body body = null;
        JsonNode b = doc.path("body");
        if (!b.isMissingNode()) {
            String field = b.path("field").asText("message");
            switch (b.path("kind").asText("")) {
                case "kv" -> {
                    String pair = unescape(b.path("pairSeparator").asText(" "));
                    String value = b.path("valueSeparator").asText("=");
                    String strip = b.hasNonNull("strip") ? b.get("strip").asText() : null;
                    if (pair.length() != 1 || value.length() != 1 || strip != null && strip.length() != 2) {
                        problems.add(where + ": kv separators must be one character, strip two");
                    } else {
                        body = new VendorFamily.Body.KeyValue(field,
                                new KeyValues(pair.equals(" ") ? 0 : pair.charAt(0), value.charAt(0)), strip);
                    }
                }
                case "csv" -> {
                    CsvDefinition d = csv.get(b.path("definition").asText(""));
                    if (d == null) {
                        problems.add(where + ": body names unknown csv definition '" + b.path("definition").asText("") + "'");
                    } else {
                        body = new VendorFamily.Body.Delimited(field, d);
                    }
                }
                default -> problems.add(where + ": body kind must be 'kv' or 'csv'");
            }
        }
        List<VendorFamily.MessagePattern> messages = new ArrayList<>();
        JsonNode list = doc.path("patterns");
        for (int i = 0; i < list.size(); i++) {
            JsonNode p = list.get(i);
            String at = where + " patterns[" + i + "]";
            Regex regex = p.hasNonNull("regex") ? compile(p.get("regex").asText(), at, problems) : null;
            messages.add(new VendorFamily.MessagePattern(patterns(p.path("when"), at + " when", problems),
                    p.path("field").asText("message"), regex, constants(p.path("set"))));
        }
        return new VendorFamily(name, match, header, body, messages, constants(doc.path("set")));
    }

    private static Map<String, Regex> patterns(JsonNode node, String where, List<String> problems) {
        Map<String, Regex> out = new LinkedHashMap<>();
        node.properties().forEach(e -> {
            Regex p = compile(e.getValue().asText(), where + "." + e.getKey(), problems);
            if (p != null) {
                out.put(e.getKey(), p);
            }
        });
        return out;
    }

    private static Regex compile(String regex, String where, List<String> problems) {
        try {
            return new Regex(Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
            problems.add(where + ": invalid RE2/J pattern: " + e.getMessage());
            return null;
        }
    }

    private static Map<String, String> constants(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String unescape(String text) {
        return text.equals("\\t") ? "\t" : text;
    }
}
