package io.vigil.store.search;

import io.vigil.core.search.InvalidQueryException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.InetAddressPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.queryparser.classic.TokenMgrError;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.automaton.Operations;

/**
 * Turns the analyst's query text (Lucene classic syntax) into a Lucene query over the index's typed fields: a
 * bare word searches the free text (split into words as {@link TextAnalyzer} splits them), {@code field:value} a keyword (case-insensitive, wildcards allowed),
 * {@code field:[a TO b]} a number, IP, time or keyword range depending on the bounds, {@code field:10.0.0.0/8} an
 * IP prefix. Field names never reach internal fields, and the result is checked against {@link SearchLimits}.
 * Not thread-safe parsing state is created per call.
 */
final class QueryTranslator {

    /** Short names analysts type for common fields. */
    static final Map<String, String> ALIASES = Map.of(
            "src_ip", "src_endpoint.ip",
            "dst_ip", "dst_endpoint.ip",
            "host", "device.hostname",
            "user", "actor.user.name",
            "event_code", "metadata.event_code",
            "product", "metadata.product.name");

    private static final Pattern IPV4_CIDR = Pattern.compile("(?<![\\w.])(\\d{1,3}(?:\\.\\d{1,3}){3})/(\\d{1,2})(?![\\w.])");
    private static final Pattern RELATIVE = Pattern.compile("now(?:-(\\d{1,9})([smhd]))?");
    private static final int MAX_NESTING = 32;

    private final SearchLimits limits;

    QueryTranslator(SearchLimits limits) {
        this.limits = limits;
    }

    /** The query for {@code text}; blank text matches every event. */
    Query translate(String text, Instant now) {
        if (text.length() > limits.maxQueryChars()) {
            throw new InvalidQueryException("query is " + text.length() + " characters, at most "
                    + limits.maxQueryChars() + " are allowed");
        }
        checkCharacters(text);
        if (text.isBlank()) {
            return new MatchAllDocsQuery();
        }
        // In the classic syntax '/' opens a regular expression: escape the one in an IPv4 CIDR.
        String prepared = IPV4_CIDR.matcher(text).replaceAll("$1\\\\/$2");
        Parser parser = new Parser(now);
        Query query;
        try {
            query = parser.parse(prepared);
        } catch (ParseException | TokenMgrError e) {
            throw new InvalidQueryException("query does not parse: " + firstLine(e.getMessage()), e);
        } catch (IndexSearcher.TooManyClauses e) {
            throw new InvalidQueryException("query has too many clauses, at most " + limits.maxClauses());
        } catch (org.apache.lucene.util.automaton.TooComplexToDeterminizeException e) {
            throw new InvalidQueryException("a wildcard or regular expression of the query is too complex", e);
        } catch (InvalidQueryException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("query is invalid: " + e.getMessage(), e);
        }
        int[] leaves = {0};
        query.visit(new QueryVisitor() {
            @Override
            public void consumeTerms(Query q, Term... terms) {
                leaves[0] += Math.max(1, terms.length);
            }

            @Override
            public void visitLeaf(Query q) {
                leaves[0]++;
            }

            @Override
            public void consumeTermsMatching(Query q, String field,
                                             java.util.function.Supplier<org.apache.lucene.util.automaton.ByteRunAutomaton> automaton) {
                leaves[0]++;
            }

            @Override
            public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                return this;
            }
        });
        if (leaves[0] > limits.maxClauses()) {
            throw new InvalidQueryException("query has " + leaves[0] + " clauses, at most " + limits.maxClauses()
                    + " are allowed");
        }
        if (onlyNegative(query)) {
            // "-user:alice" means every event but alice's, not nothing.
            BooleanQuery.Builder all = new BooleanQuery.Builder().add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
            ((BooleanQuery) query).clauses().forEach(all::add);
            return all.build();
        }
        return query;
    }

    private static boolean onlyNegative(Query query) {
        return query instanceof BooleanQuery bool && !bool.clauses().isEmpty()
                && bool.clauses().stream().allMatch(c -> c.occur() == BooleanClause.Occur.MUST_NOT);
    }

    private static void checkCharacters(String text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                throw new InvalidQueryException("query has a control character at " + i);
            }
            if (c == '(') {
                if (++depth > MAX_NESTING) {
                    throw new InvalidQueryException("query nests parentheses deeper than " + MAX_NESTING);
                }
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** The user field's name in the index's terms, or an error for names that are not fields. */
    static String userField(String field) {
        String name = ALIASES.getOrDefault(field, field);
        if (name.indexOf('*') >= 0 || name.indexOf('?') >= 0) {
            throw new InvalidQueryException("a field name cannot contain a wildcard: '" + field + "' (only *:* is allowed)");
        }
        if (name.isEmpty() || name.startsWith("_") || name.length() > 256) {
            throw new InvalidQueryException("unknown field '" + field + "'");
        }
        return name;
    }

    static Instant instant(String text, Instant now) {
        String t = text.trim();
        Matcher relative = RELATIVE.matcher(t);
        if (relative.matches()) {
            if (relative.group(1) == null) {
                return now;
            }
            long amount = Long.parseLong(relative.group(1));
            Duration unit = switch (relative.group(2)) {
                case "s" -> Duration.ofSeconds(1);
                case "m" -> Duration.ofMinutes(1);
                case "h" -> Duration.ofHours(1);
                default -> Duration.ofDays(1);
            };
            return now.minus(unit.multipliedBy(amount));
        }
        try {
            if (t.chars().allMatch(Character::isDigit) && !t.isEmpty() && t.length() <= 15) {
                return Instant.ofEpochMilli(Long.parseLong(t));
            }
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(t);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new InvalidQueryException("'" + text + "' is no time: use 2025-01-31T12:00:00Z, 2025-01-31, "
                    + "epoch milliseconds or now-15m");
        }
    }

    private static Double number(String text) {
        if (text == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private final class Parser extends QueryParser {

        private final Instant now;
        private int wildcards;
        private int leading;

        Parser(Instant now) {
            super(Fields.TEXT, new TextAnalyzer());
            this.now = now;
            // A free-text word with separators (powershell.exe, 10.1.2.3) is the phrase of its parts.
            setSplitOnWhitespace(true);
            setAutoGeneratePhraseQueries(true);
            setAllowLeadingWildcard(true);
            setDefaultOperator(Operator.AND);
            setDeterminizeWorkLimit(Operations.DEFAULT_DETERMINIZE_WORK_LIMIT);
        }

        @Override
        protected Query getFieldQuery(String field, String queryText, boolean quoted) throws ParseException {
            if (Fields.TEXT.equals(field)) {
                return super.getFieldQuery(field, queryText, quoted);
            }
            String name = userField(field);
            if (name.equals(Fields.USER_TIME)) {
                throw new InvalidQueryException("time takes a range, e.g. time:[now-1h TO now]");
            }
            if (name.equals(Fields.USER_ID)) {
                return new TermQuery(new Term(Fields.ID, queryText.toLowerCase(Locale.ROOT)));
            }
            int slash = queryText.indexOf('/');
            if (slash > 0) {
                InetAddress address = EventDocuments.ipOf(queryText.substring(0, slash));
                if (address != null) {
                    int prefix;
                    try {
                        prefix = Integer.parseInt(queryText.substring(slash + 1));
                    } catch (NumberFormatException e) {
                        throw new InvalidQueryException("'" + queryText + "' is no CIDR prefix");
                    }
                    int bits = address.getAddress().length * 8;
                    if (prefix < 0 || prefix > bits) {
                        throw new InvalidQueryException("prefix length of '" + queryText + "' must be 0-" + bits);
                    }
                    return InetAddressPoint.newPrefixQuery(Fields.ip(name), address, prefix);
                }
            }
            return new TermQuery(new Term(Fields.keyword(name), queryText.toLowerCase(Locale.ROOT)));
        }

        @Override
        protected Query getFieldQuery(String field, String queryText, int slop) throws ParseException {
            return getFieldQuery(field, queryText, true);
        }

        @Override
        protected Query getRangeQuery(String field, String part1, String part2, boolean startInclusive,
                                      boolean endInclusive) {
            String name = userField(field);
            if (name.equals(Fields.USER_TIME)) {
                long low = part1 == null ? Long.MIN_VALUE : instant(part1, now).toEpochMilli();
                long high = part2 == null ? Long.MAX_VALUE : instant(part2, now).toEpochMilli();
                if (!startInclusive && low != Long.MAX_VALUE) {
                    low++;
                }
                if (!endInclusive && high != Long.MIN_VALUE) {
                    high--;
                }
                return LongPoint.newRangeQuery(Fields.TIME, low, high);
            }
            Double low = number(part1);
            Double high = number(part2);
            if ((part1 == null || low != null) && (part2 == null || high != null) && (low != null || high != null)) {
                double lo = low == null ? Double.NEGATIVE_INFINITY : startInclusive ? low : Math.nextUp(low);
                double hi = high == null ? Double.POSITIVE_INFINITY : endInclusive ? high : Math.nextDown(high);
                return DoublePoint.newRangeQuery(Fields.number(name), lo, hi);
            }
            InetAddress ipLow = part1 == null ? null : EventDocuments.ipOf(part1);
            InetAddress ipHigh = part2 == null ? null : EventDocuments.ipOf(part2);
            if ((part1 == null || ipLow != null) && (part2 == null || ipHigh != null) && (ipLow != null || ipHigh != null)) {
                try {
                    InetAddress lo = ipLow == null ? InetAddress.getByName("::") : startInclusive ? ipLow : InetAddressPoint.nextUp(ipLow);
                    InetAddress hi = ipHigh == null ? InetAddress.getByName("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")
                            : endInclusive ? ipHigh : InetAddressPoint.nextDown(ipHigh);
                    return InetAddressPoint.newRangeQuery(Fields.ip(name), lo, hi);
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
            return TermRangeQuery.newStringRange(Fields.keyword(name), lower(part1), lower(part2), startInclusive,
                    endInclusive);
        }

        @Override
        protected Query getWildcardQuery(String field, String termStr) throws ParseException {
            if ("*".equals(field)) {
                if ("*".equals(termStr)) {
                    return new MatchAllDocsQuery();
                }
                throw new InvalidQueryException("a field name cannot be a wildcard (only *:* is allowed)");
            }
            String name = Fields.TEXT.equals(field) ? null : userField(field);
            if ("*".equals(termStr) && name != null) {
                return new FieldExistsQuery(Fields.keyword(name));
            }
            countWildcard(termStr);
            String target = name == null ? Fields.TEXT : Fields.keyword(name);
            return new WildcardQuery(new Term(target, termStr.toLowerCase(Locale.ROOT)),
                    Operations.DEFAULT_DETERMINIZE_WORK_LIMIT);
        }

        @Override
        protected Query getPrefixQuery(String field, String termStr) throws ParseException {
            countWildcard(termStr + "*");
            String target = Fields.TEXT.equals(field) ? Fields.TEXT : Fields.keyword(userField(field));
            return new PrefixQuery(new Term(target, termStr.toLowerCase(Locale.ROOT)));
        }

        @Override
        protected Query getRegexpQuery(String field, String termStr) throws ParseException {
            countWildcard(termStr.startsWith(".") ? "*" : termStr);
            String target = Fields.TEXT.equals(field) ? Fields.TEXT : Fields.keyword(userField(field));
            return new RegexpQuery(new Term(target, termStr.toLowerCase(Locale.ROOT)));
        }

        @Override
        protected Query getFuzzyQuery(String field, String termStr, float minSimilarity) {
            throw new InvalidQueryException("fuzzy queries (~) are not supported: use wildcards");
        }

        private void countWildcard(String pattern) {
            if (++wildcards > limits.maxWildcards()) {
                throw new InvalidQueryException("query has more than " + limits.maxWildcards()
                        + " wildcard, prefix or regular-expression clauses");
            }
            if ((pattern.startsWith("*") || pattern.startsWith("?")) && ++leading > limits.maxLeadingWildcards()) {
                throw new InvalidQueryException("query has more than " + limits.maxLeadingWildcards()
                        + " clauses starting with a wildcard (each reads every value of its field)");
            }
        }

        private static String lower(String text) {
            return text == null ? null : text.toLowerCase(Locale.ROOT);
        }
    }
}
