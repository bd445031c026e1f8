/** Normalisation: OCSF-aligned common fields added beside the event's own fields. */
package io.vigil.ingest.normalize;
