/**
 * Native Sigma: rules are parsed, validated with every problem's location, and compiled to matchers that
 * evaluate decoded events directly, without translation to a query language.
 *
 * <p>Start at {@link io.vigil.sigma.SigmaRules#parse}: it returns a {@link io.vigil.sigma.RuleLoad}, either a
 * compiled {@link io.vigil.sigma.SigmaRule} or a rejection with all problems. Rules are evaluated one by one
 * ({@link io.vigil.sigma.SigmaRule#matches}) or together ({@link io.vigil.sigma.RuleSet#evaluate}) over
 * {@link io.vigil.sigma.event.EventFields}. Untrusted rules are bounded by {@link io.vigil.sigma.SigmaLimits}.
 * Decisions where the specification leaves room are in {@code docs/sigma-semantics.md}.
 */
package io.vigil.sigma;
