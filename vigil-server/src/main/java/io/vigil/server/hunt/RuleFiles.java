package io.vigil.server.hunt;

import io.vigil.sigma.Problem;
import io.vigil.sigma.RuleLoad;
import io.vigil.sigma.SigmaDocuments;
import io.vigil.sigma.SigmaOptions;
import io.vigil.sigma.SigmaRule;
import io.vigil.sigma.SigmaRules;
import io.vigil.sigma.correlation.CorrelationSet;
import io.vigil.sigma.correlation.RuleReferences;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Loads Sigma rules from files and folders. Folders are walked recursively for {@code *.yml} / {@code *.yaml} in
 * path order, so runs are reproducible; a file named explicitly is read whatever its extension.
 */
public final class RuleFiles {

    private RuleFiles() {
    }

    /**
     * Base rules are loaded first, each from its file; then the correlation rules among the files, against the base
     * rules (by id, or by the spec {@code name} their files give) and each other, in as many passes as chains need.
     */
    public static LoadedRules load(List<Path> paths, SigmaOptions options) {
        List<SigmaRule> rules = new ArrayList<>();
        List<RuleLoad.Rejected> rejected = new ArrayList<>();
        List<CorrelationSet.Source> correlations = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>(); // spec name -> rule id, for correlations
        for (Path file : ruleFiles(paths)) {
            String origin = file.toString();
            String yaml;
            try {
                yaml = read(file, options);
            } catch (Unreadable e) {
                rejected.add(rejected(origin, e.getMessage()));
                continue;
            }
            if (SigmaDocuments.isCorrelation(yaml)) {
                correlations.add(new CorrelationSet.Source(origin, yaml));
                continue;
            }
            switch (SigmaRules.parse(yaml, origin, options)) {
                case RuleLoad.Loaded loaded -> {
                    rules.add(loaded.rule());
                    String name = SigmaDocuments.name(yaml);
                    if (name != null && loaded.rule().id() != null) {
                        names.put(name, loaded.rule().id());
                    }
                }
                case RuleLoad.Rejected rejection -> rejected.add(rejection);
            }
        }
        RuleReferences references = RuleReferences.of(rules);
        for (Map.Entry<String, String> name : names.entrySet()) {
            references = references.withName(name.getKey(), name.getValue());
        }
        CorrelationSet set = CorrelationSet.load(correlations, references);
        set.rejected().forEach(r -> rejected.add(new RuleLoad.Rejected(r.origin(), r.problems())));
        return new LoadedRules(rules, set, rejected);
    }

    static List<Path> ruleFiles(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile).filter(RuleFiles::isYaml).sorted().forEach(files::add);
                } catch (IOException | UncheckedIOException e) {
                    throw new HuntInputException("cannot list rules in " + path + ": " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new HuntInputException("no such rule file or folder: " + path);
            }
        }
        return files;
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yml") || name.endsWith(".yaml");
    }

    /** The file's text; {@link Unreadable} saying why when it is too large, not UTF-8 or cannot be read. */
    private static String read(Path file, SigmaOptions options) throws Unreadable {
        try {
            // UTF-8 needs at most 4 bytes a character: a larger file cannot be within the character limit,
            // and checking first keeps a hostile multi-gigabyte "rule" out of memory.
            long size = Files.size(file);
            if (size > 4L * options.limits().maxRuleChars()) {
                throw new Unreadable("file has " + size + " bytes, more than a rule may have");
            }
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new Unreadable("not valid UTF-8");
        } catch (IOException e) {
            throw new Unreadable("cannot read: " + e.getMessage());
        }
    }

    private static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    private static RuleLoad.Rejected rejected(String origin, String message) {
        return new RuleLoad.Rejected(origin, List.of(new Problem("file", OptionalInt.empty(), message)));
    }
}
