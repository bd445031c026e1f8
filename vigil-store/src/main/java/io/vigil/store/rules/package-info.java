/**
 * Rule sets on top of the shipped Sigma rules: {@link io.vigil.store.rules.CustomRules} (MSSP-wide and per-tenant
 * rule documents), {@link io.vigil.store.rules.RuleToggles} (a tenant's enable/disable switches) and
 * {@link io.vigil.store.rules.RuleExceptions} (a tenant's Sigma filters with author, reason and expiry). Migration
 * {@code V7__rule_sets.sql}. The store keeps documents as text; parsing and validation are the caller's.
 */
package io.vigil.store.rules;
