/**
 * The SOC engine as plain Java: the vocabulary shared by triage, incidents, contract SLA clocks and regulatory
 * clocks ({@link io.vigil.soc.Priority}, {@link io.vigil.soc.IncidentState}, {@link io.vigil.soc.Tier},
 * {@link io.vigil.soc.StateChange}, {@link io.vigil.soc.ClockAlarm}). Nothing here knows Spring or SQL; the
 * store implements the repositories, the server wires and exposes them.
 */
package io.vigil.soc;
