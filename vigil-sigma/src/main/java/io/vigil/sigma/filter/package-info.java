/**
 * Sigma filters (specification "Sigma Filters" v2.1, the "meta filter" documents): a filter names the rules it
 * tunes and a detection whose match on an event suppresses those rules' detections for that event.
 *
 * <p>{@link io.vigil.sigma.filter.SigmaFilters#parse} loads one filter document, compiling its {@code filter}
 * section with the rule compiler so that modifiers and the condition grammar behave exactly as in rules.
 * {@link io.vigil.sigma.filter.FilterSet#bind} checks filters against the loaded rules, and
 * {@link io.vigil.sigma.filter.FilterSet#apply} splits the detections of one event into kept and suppressed ones,
 * naming the filters that suppressed each: suppression is never silent. Vigil adds two optional keys, {@code reason}
 * and {@code expires}; an expired filter no longer suppresses anything.
 */
package io.vigil.sigma.filter;
