package io.vigil.sigma.condition;

import io.vigil.sigma.condition.Condition.Quantifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses one Sigma condition string against the rule's search identifiers.
 *
 * <pre>
 * or      := and ("or" and)*
 * and     := not ("and" not)*
 * not     := "not" not | primary
 * primary := "(" or ")" | ("1" | "all") "of" (pattern | "them") | identifier
 * </pre>
 *
 * Depth is bounded because conditions come from untrusted rules and the parser recurses.
 */
public final class ConditionParser {

    private final List<String> identifiers;
    private final int maxDepth;
    private final List<Token> tokens;
    private final String text;
    private int next;
    private int depth;

    private ConditionParser(String text, List<String> identifiers, int maxDepth) throws ConditionSyntaxException {
        this.text = text;
        this.identifiers = List.copyOf(identifiers);
        this.maxDepth = maxDepth;
        this.tokens = tokenize(text);
    }

    /**
     * @param identifiers the rule's search identifiers in declaration order
     * @param maxDepth    maximum nesting of parentheses and {@code not}
     */
    public static Condition parse(String text, List<String> identifiers, int maxDepth) throws ConditionSyntaxException {
        ConditionParser parser = new ConditionParser(text, identifiers, maxDepth);
        Condition condition = parser.or();
        Token trailing = parser.peek();
        if (trailing.kind() != Kind.END) {
            throw new ConditionSyntaxException("unexpected '" + trailing.text() + "'", trailing.position());
        }
        return condition;
    }

    private Condition or() throws ConditionSyntaxException {
        enter();
        List<Condition> operands = new ArrayList<>();
        operands.add(and());
        while (peekWord("or")) {
            next++;
            operands.add(and());
        }
        depth--;
        return operands.size() == 1 ? operands.getFirst() : new Condition.Or(operands);
    }

    private Condition and() throws ConditionSyntaxException {
        List<Condition> operands = new ArrayList<>();
        operands.add(not());
        while (peekWord("and")) {
            next++;
            operands.add(not());
        }
        return operands.size() == 1 ? operands.getFirst() : new Condition.And(operands);
    }

    private Condition not() throws ConditionSyntaxException {
        if (peekWord("not")) {
            next++;
            enter();
            Condition operand = not();
            depth--;
            return new Condition.Not(operand);
        }
        return primary();
    }

    private Condition primary() throws ConditionSyntaxException {
        Token token = tokens.get(next++);
        switch (token.kind()) {
            case OPEN -> {
                Condition inner = or();
                Token close = tokens.get(next++);
                if (close.kind() != Kind.CLOSE) {
                    throw new ConditionSyntaxException("expected ')' but found " + describe(close), close.position());
                }
                return inner;
            }
            case WORD -> {
                if (peekWord("of")) {
                    return quantified(token);
                }
                if (KEYWORDS.contains(token.text())) {
                    throw new ConditionSyntaxException("unexpected keyword '" + token.text() + "'", token.position());
                }
                if (token.text().contains("*")) {
                    throw new ConditionSyntaxException(
                            "pattern '" + token.text() + "' needs '1 of' or 'all of'", token.position());
                }
                if (!identifiers.contains(token.text())) {
                    throw new ConditionSyntaxException(
                            "unknown search identifier '" + token.text() + "'", token.position());
                }
                return new Condition.Identifier(token.text());
            }
            default -> throw new ConditionSyntaxException("expected an identifier, '(' or 'not' but found "
                    + describe(token), token.position());
        }
    }

    private Condition quantified(Token quantifierToken) throws ConditionSyntaxException {
        Quantifier quantifier = switch (quantifierToken.text()) {
            case "1" -> Quantifier.ONE;
            case "all" -> Quantifier.ALL;
            default -> throw new ConditionSyntaxException("only '1 of' and 'all of' are defined by Sigma, not '"
                    + quantifierToken.text() + " of'", quantifierToken.position());
        };
        next++; // "of"
        Token target = tokens.get(next++);
        if (target.kind() != Kind.WORD || (KEYWORDS.contains(target.text()) && !target.text().equals("them"))) {
            throw new ConditionSyntaxException("expected 'them' or an identifier pattern after 'of' but found "
                    + describe(target), target.position());
        }
        List<String> selected = new ArrayList<>();
        if (target.text().equals("them")) {
            // Spec: "them" spans every identifier not starting with '_' (helper selections by convention).
            for (String identifier : identifiers) {
                if (!identifier.startsWith("_")) {
                    selected.add(identifier);
                }
            }
        } else {
            for (String identifier : identifiers) {
                if (wildcardMatches(target.text(), identifier)) {
                    selected.add(identifier);
                }
            }
        }
        if (selected.isEmpty()) {
            throw new ConditionSyntaxException("'" + target.text() + "' matches no search identifier", target.position());
        }
        return new Condition.Quantified(quantifier, target.text(), selected);
    }

    private void enter() throws ConditionSyntaxException {
        if (++depth > maxDepth) {
            throw new ConditionSyntaxException("condition nests deeper than " + maxDepth, peek().position());
        }
    }

    private boolean peekWord(String word) {
        Token token = peek();
        return token.kind() == Kind.WORD && token.text().equals(word);
    }

    private Token peek() {
        return tokens.get(next);
    }

    private String describe(Token token) {
        return token.kind() == Kind.END ? "the end of the condition" : "'" + token.text() + "'";
    }

    /** Pattern with '*' only; identifiers are short, so a simple recursive-free two-pointer match suffices. */
    static boolean wildcardMatches(String pattern, String name) {
        int p = 0;
        int n = 0;
        int star = -1;
        int mark = 0;
        while (n < name.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = n;
            } else if (p < pattern.length() && pattern.charAt(p) == name.charAt(n)) {
                p++;
                n++;
            } else if (star >= 0) {
                p = star + 1;
                n = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "of", "them");

    private enum Kind {
        WORD, OPEN, CLOSE, END
    }

    private record Token(Kind kind, String text, int position) {
    }

    private static List<Token> tokenize(String text) throws ConditionSyntaxException {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                tokens.add(new Token(Kind.OPEN, "(", i++));
            } else if (c == ')') {
                tokens.add(new Token(Kind.CLOSE, ")", i++));
            } else if (isWordChar(c)) {
                int start = i;
                while (i < text.length() && isWordChar(text.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Kind.WORD, text.substring(start, i), start));
            } else {
                throw new ConditionSyntaxException("unexpected character '" + c + "'", i);
            }
        }
        tokens.add(new Token(Kind.END, "", text.length()));
        return tokens;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '*' || c == '-' || c == '.';
    }
}
