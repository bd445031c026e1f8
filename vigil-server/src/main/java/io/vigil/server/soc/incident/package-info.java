/**
 * Triage, case management and notifications in the server: {@link io.vigil.server.soc.incident.IncidentWiring} wires the
 * plain-Java engine of {@code io.vigil.soc} to the store, puts the triage output after the detections output in the
 * pipeline, runs automatic escalation and the notification outbox, and exposes incidents, alerts, assets,
 * suppressions, changes and notification routes under {@code /api/v1/tenants/{tenant}/}.
 */
package io.vigil.server.soc.incident;
