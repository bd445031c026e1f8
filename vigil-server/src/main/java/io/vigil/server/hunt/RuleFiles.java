package io.vigil.server.hunt;

import io.vigil.sigma.Problem;
import io.vigil.sigma.RuleLoad;
import io.vigil.sigma.SigmaOptions;
import io.vigil.sigma.SigmaRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Loads Sigma rules from files and folders. Folders are walked recursively for {@code *.yml} / {@code *.yaml} in
 * path order, so runs are reproducible; a file named explicitly is read whatever its extension.
 */
public final class RuleFiles {

    private RuleFiles() {
    }

    public static LoadedRules load(List<Path> paths, SigmaOptions options) {
        List<io.vigil.sigma.SigmaRule> rules = new ArrayList<>();
        List<RuleLoad.Rejected> rejected = new ArrayList<>();
        for (Path file : ruleFiles(paths)) {
            switch (loadOne(file, options)) {
                case RuleLoad.Loaded loaded -> rules.add(loaded.rule());
                case RuleLoad.Rejected rejection -> rejected.add(rejection);
            }
        }
        return new LoadedRules(rules, rejected);
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

    private static RuleLoad loadOne(Path file, SigmaOptions options) {
        String origin = file.toString();
        try {
            // UTF-8 needs at most 4 bytes a character: a larger file cannot be within the character limit,
            // and checking first keeps a hostile multi-gigabyte "rule" out of memory.
            long size = Files.size(file);
            if (size > 4L * options.limits().maxRuleChars()) {
                return rejected(origin, "file has " + size + " bytes, more than a rule may have");
            }
            String yaml = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            return SigmaRules.parse(yaml, origin, options);
        } catch (CharacterCodingException e) {
            return rejected(origin, "not valid UTF-8");
        } catch (IOException e) {
            return rejected(origin, "cannot read: " + e.getMessage());
        }
    }

    private static RuleLoad.Rejected rejected(String origin, String message) {
        return new RuleLoad.Rejected(origin, List.of(new Problem("file", OptionalInt.empty(), message)));
    }
}
