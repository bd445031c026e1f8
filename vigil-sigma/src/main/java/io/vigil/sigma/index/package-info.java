/**
 * The candidate index: a pre-filter in front of compiled Sigma rules so that each event meets only the rules that
 * can possibly match it.
 *
 * <p>For every rule, {@link io.vigil.sigma.index.NecessaryLiterals} derives from the condition tree a disjunction of
 * {@link io.vigil.sigma.index.Atom}s (field equals a value, field contains a literal, some keyword value contains a
 * literal) of which at least one holds whenever the rule matches; rules with no such disjunction are checked on
 * every event. {@link io.vigil.sigma.index.IndexedRuleSet} looks an event's values up in per-field exact maps and
 * per-field Aho-Corasick automata, then runs the full compiled rule on the candidates only, so its detections are
 * the same as {@link io.vigil.sigma.RuleSet}'s, in the same order.
 */
package io.vigil.sigma.index;
