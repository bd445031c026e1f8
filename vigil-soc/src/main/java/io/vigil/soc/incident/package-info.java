/**
 * Case management as plain Java: the {@link io.vigil.soc.incident.Incident} aggregate (alerts, observables, ATT&amp;CK
 * techniques, tasks, notes, attachments, a timeline of every change and the ordered state history the SLA clocks
 * read), the store SPIs {@link io.vigil.soc.incident.Incidents} and {@link io.vigil.soc.incident.Attachments}, the
 * work façade {@link io.vigil.soc.incident.CaseWork} and escalation ({@link io.vigil.soc.incident.EscalationPolicy},
 * {@link io.vigil.soc.incident.AlarmRouter}).
 */
package io.vigil.soc.incident;
