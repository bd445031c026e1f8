package io.vigil.sigma;

/**
 * Bounds for untrusted rules, checked at load time so that a hostile rule is rejected instead of exhausting
 * memory or CPU while events flow.
 *
 * @param maxRuleChars            largest rule text accepted (characters)
 * @param maxValuesPerField       most values one field may list in the rule
 * @param maxExpandedValues       most matchers one field may compile to after windash, base64offset, utf16 and
 *                                placeholder expansion
 * @param maxConditionDepth       deepest nesting of parentheses and {@code not} in a condition
 * @param maxSearchIdentifiers    most search identifiers in one detection
 * @param maxRegexChars           longest regular expression
 */
public record SigmaLimits(
        int maxRuleChars,
        int maxValuesPerField,
        int maxExpandedValues,
        int maxConditionDepth,
        int maxSearchIdentifiers,
        int maxRegexChars) {

    public static final SigmaLimits DEFAULTS = new SigmaLimits(512 * 1024, 8192, 16384, 64, 512, 4096);

    public SigmaLimits {
        if (maxRuleChars < 1 || maxValuesPerField < 1 || maxExpandedValues < 1 || maxConditionDepth < 1
                || maxSearchIdentifiers < 1 || maxRegexChars < 1) {
            throw new IllegalArgumentException("every Sigma limit must be positive");
        }
    }
}
