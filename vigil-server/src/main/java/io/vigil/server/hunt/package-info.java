/**
 * Offline hunting: loads Sigma rules from files, streams JSON / NDJSON logs (plain or gzip) through
 * {@link io.vigil.sigma.logsource.RoutedRuleSet} (logsource routing in front of a candidate index) and writes findings, with no server involved. The CLI commands {@code vigil hunt}
 * and {@code vigil rules validate} are thin shells over this package; see {@code docs/hunt.md}.
 *
 * <p>Entry points: {@link io.vigil.server.hunt.RuleFiles} (rules), {@link io.vigil.server.hunt.LogFiles} (inputs),
 * {@link io.vigil.server.hunt.Hunt} (the scan), {@link io.vigil.server.hunt.FindingFormat} (output) and
 * {@link io.vigil.server.hunt.HuntReport} (summary).
 */
package io.vigil.server.hunt;
