/**
 * Logsource routing: which Sigma rules may run on an event, and under which field names.
 *
 * <p>{@link io.vigil.sigma.logsource.LogsourceRouter#load} reads a mapping file (data, not Java; Vigil ships
 * {@code io/vigil/content/sigma/logsources.yml} in {@code vigil-content}) whose entries say, by field tests or by
 * an explicit source tag, which {@code product}/{@code category}/{@code service} an event belongs to and which
 * Sigma field names the event spells differently. {@link io.vigil.sigma.logsource.LogsourceRouter#classify} gives
 * an {@link io.vigil.sigma.logsource.EventClass}; its {@code admits} decides per rule and its {@code fields} view
 * applies the renames. {@link io.vigil.sigma.logsource.RoutedRuleSet} does both for a set of rules. Semantics,
 * including unclassified events, are in {@code docs/sigma-semantics.md}.
 */
package io.vigil.sigma.logsource;
