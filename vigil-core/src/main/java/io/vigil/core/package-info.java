/**
 * The domain of Vigil as plain Java: tenants, events, the stage SPIs of the ingest pipeline and the
 * journal SPI. Nothing here knows a framework, a transport or a database; every other module builds on
 * these types.
 */
package io.vigil.core;
