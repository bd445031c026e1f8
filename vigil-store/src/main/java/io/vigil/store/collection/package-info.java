/**
 * What collection needs from the database: collector certificates issued by the MSSP CA
 * ({@link io.vigil.store.collection.CollectorCertificates}) and declared source networks of plain syslog
 * senders ({@link io.vigil.store.collection.SourceNetworks}).
 */
package io.vigil.store.collection;
