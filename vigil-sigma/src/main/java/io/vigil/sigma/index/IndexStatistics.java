package io.vigil.sigma.index;

/**
 * The shape of a candidate index: how many rules it can skip ({@code indexedRules}) and how many it must try on
 * every event ({@code alwaysCheckRules}), and the sizes of its lookups.
 */
public record IndexStatistics(
        int rules,
        int indexedRules,
        int alwaysCheckRules,
        int indexedFields,
        int exactValues,
        int fieldLiterals,
        int keywordLiterals) {
}
