package io.vigil.sigma;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads one Sigma document (rule, filter or correlation) into a YAML node tree, with the bounds every
 * untrusted Sigma file gets: size, nesting depth, aliases, no recursive keys. Documents are composed into
 * nodes only, never constructed into Java objects, so nothing in a file is instantiated.
 */
public final class SigmaYaml {

    private SigmaYaml() {
    }

    /**
     * @param empty      the problem text for a file with no document
     * @param collection the problem text for a file with several documents
     * @param notMapping the problem text for a document that is not a mapping
     */
    public record Messages(String empty, String collection, String notMapping) {
        public Messages {
            Objects.requireNonNull(empty, "empty");
            Objects.requireNonNull(collection, "collection");
            Objects.requireNonNull(notMapping, "notMapping");
        }
    }

    /** The document's root mapping, or {@code null} with the problems saying why. */
    public record Document(MappingNode root, List<Problem> problems) {
        public Document {
            problems = List.copyOf(problems);
        }
    }

    public static Document single(String yaml, int maxChars, Messages messages) {
        LoaderOptions loader = new LoaderOptions();
        loader.setMaxAliasesForCollections(20);
        loader.setNestingDepthLimit(32);
        loader.setCodePointLimit(maxChars);
        loader.setAllowRecursiveKeys(false);
        List<Node> documents = new ArrayList<>();
        try {
            for (Node document : new Yaml(new SafeConstructor(loader)).composeAll(new StringReader(yaml))) {
                if (document != null) {
                    documents.add(document);
                }
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            String where = mark == null ? "" : " at column " + (mark.getColumn() + 1);
            return failed(new Problem("$", mark == null ? OptionalInt.empty() : OptionalInt.of(mark.getLine() + 1),
                    "invalid YAML" + where + ": " + e.getProblem()));
        } catch (YAMLException e) {
            return failed(new Problem("$", OptionalInt.empty(), "invalid YAML: " + e.getMessage()));
        }
        if (documents.isEmpty()) {
            return failed(new Problem("$", OptionalInt.empty(), messages.empty()));
        }
        if (documents.size() > 1) {
            return failed(new Problem("$", OptionalInt.empty(), "holds " + documents.size() + " YAML documents; "
                    + messages.collection()));
        }
        if (!(documents.getFirst() instanceof MappingNode mapping)) {
            Node node = documents.getFirst();
            return failed(new Problem("$", node.getStartMark() == null ? OptionalInt.empty()
                    : OptionalInt.of(node.getStartMark().getLine() + 1), messages.notMapping()));
        }
        return new Document(mapping, List.of());
    }

    /**
     * The documents of a multi-document YAML text (a Sigma rule collection, e.g. base rules and the correlation
     * over them), each as its own text cut from the original at its node's position, so that each can be loaded
     * with the loader for its kind. Bounds as for {@link #single}; {@code maxDocuments} caps the count.
     *
     * @return the documents' texts, or the problems saying why the text could not be split
     */
    public record Split(List<String> documents, List<Problem> problems) {
        public Split {
            documents = List.copyOf(documents);
            problems = List.copyOf(problems);
        }
    }

    public static Split split(String yaml, int maxChars, int maxDocuments) {
        LoaderOptions loader = new LoaderOptions();
        loader.setMaxAliasesForCollections(20);
        loader.setNestingDepthLimit(32);
        loader.setCodePointLimit(maxChars);
        loader.setAllowRecursiveKeys(false);
        List<String> documents = new ArrayList<>();
        try {
            for (Node document : new Yaml(new SafeConstructor(loader)).composeAll(new StringReader(yaml))) {
                if (document == null) {
                    continue;
                }
                if (documents.size() == maxDocuments) {
                    return new Split(List.of(), List.of(new Problem("$", OptionalInt.empty(),
                            "holds more than " + maxDocuments + " YAML documents")));
                }
                int start = yaml.offsetByCodePoints(0, document.getStartMark().getIndex());
                int end = yaml.offsetByCodePoints(0, document.getEndMark().getIndex());
                // Keep the line structure before the document so that problems report lines of the whole text.
                String before = yaml.substring(0, start).replaceAll("[^\\n]", "");
                String indent = " ".repeat(document.getStartMark().getColumn());
                documents.add(before + indent + yaml.substring(start, end));
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            String where = mark == null ? "" : " at column " + (mark.getColumn() + 1);
            return new Split(List.of(), List.of(new Problem("$", mark == null ? OptionalInt.empty()
                    : OptionalInt.of(mark.getLine() + 1), "invalid YAML" + where + ": " + e.getProblem())));
        } catch (YAMLException e) {
            return new Split(List.of(), List.of(new Problem("$", OptionalInt.empty(), "invalid YAML: " + e.getMessage())));
        }
        return new Split(documents, List.of());
    }

    private static Document failed(Problem problem) {
        return new Document(null, List.of(problem));
    }
}
