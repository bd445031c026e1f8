package io.vigil.server.hunt;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads placeholder values for {@code |expand}: a YAML map from placeholder name (with or without the surrounding
 * {@code %}) to a list of values, or to one value. Values are Sigma strings, so they may use wildcards.
 *
 * <pre>
 * Workstations: ['WKS-*', 'LAPTOP-*']
 * '%Admins%': [alice, bob]
 * </pre>
 */
public final class PlaceholderFile {

    private static final int MAX_BYTES = 4 * 1024 * 1024;

    private PlaceholderFile() {
    }

    public static Map<String, List<String>> read(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new HuntInputException("placeholder file " + file + " is larger than " + MAX_BYTES + " bytes");
            }
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(20);
            options.setAllowDuplicateKeys(false);
            options.setNestingDepthLimit(8);
            Object document;
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                document = new Yaml(new SafeConstructor(options)).load(reader);
            }
            return values(file, document);
        } catch (IOException | RuntimeException e) {
            if (e instanceof HuntInputException input) {
                throw input;
            }
            throw new HuntInputException("cannot read placeholder file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, List<String>> values(Path file, Object document) {
        if (!(document instanceof Map<?, ?> map)) {
            throw new HuntInputException("placeholder file " + file + " must be a map of name to list of values");
        }
        Map<String, List<String>> placeholders = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            String name = String.valueOf(key).replaceAll("^%|%$", "");
            List<String> list = new ArrayList<>();
            if (value instanceof List<?> items) {
                items.forEach(item -> list.add(scalar(file, name, item)));
            } else {
                list.add(scalar(file, name, value));
            }
            if (list.isEmpty()) {
                throw new HuntInputException("placeholder %" + name + "% in " + file + " has no values");
            }
            placeholders.put(name, list);
        });
        return placeholders;
    }

    private static String scalar(Path file, String name, Object value) {
        if (value == null || value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new HuntInputException("placeholder %" + name + "% in " + file + ": values must be plain strings");
        }
        return String.valueOf(value);
    }
}
