/** Incidents as JSON documents with their query columns, and attachment bytes. */
package io.vigil.store.soc.incident;
