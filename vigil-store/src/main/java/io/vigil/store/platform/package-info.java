/** Installation-level records that belong to no tenant: platform alerts to the MSSP's operators. */
package io.vigil.store.platform;
