/**
 * A tenant's service contract ({@link io.vigil.soc.contract.Contract}): SLA targets, coverage calendar, pausing
 * states, contacts, escalation chain, service scope and service credits, and {@link io.vigil.soc.contract.Contracts},
 * where they are kept.
 */
package io.vigil.soc.contract;
