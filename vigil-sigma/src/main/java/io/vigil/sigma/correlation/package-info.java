/**
 * Sigma correlation rules (correlation specification 2.1.0): meta-rules over the detections of base Sigma rules
 * and of other correlations.
 *
 * <p>Start at {@link io.vigil.sigma.correlation.CorrelationRules#parse}: it returns a
 * {@link io.vigil.sigma.correlation.CorrelationLoad}, either a {@link io.vigil.sigma.correlation.CorrelationRule}
 * or a rejection with all problems. A {@link io.vigil.sigma.correlation.CorrelationEngine} is fed with base-rule
 * detections as they happen and keeps bounded, per-tenant sliding windows on event time
 * ({@link io.vigil.sigma.correlation.CorrelationLimits}). Decisions are in {@code docs/sigma-semantics.md},
 * section "Correlation rules".
 */
package io.vigil.sigma.correlation;
