/** The directory of tenants: the platform administration of client organisations. */
package io.vigil.store.tenant;
