/**
 * Triage as plain Java: detections ({@link io.vigil.soc.triage.Signal}) become alerts and group into incidents
 * ({@link io.vigil.soc.triage.Triage}); priority from rule level, asset criticality and confidence
 * ({@link io.vigil.soc.triage.PriorityPolicy}); the per-tenant asset registry, suppressions and change windows with
 * their store SPIs; roll-up of repeated low signals; silent log sources; tuning suggestions from dispositions.
 */
package io.vigil.soc.triage;
