/**
 * Detections in the relational database: the {@link io.vigil.store.detection.Detections} output writes one row
 * per {@link io.vigil.store.detection.DetectionEntry} a detect stage left in an event's common fields.
 */
package io.vigil.store.detection;
