/** The durable journal SPI: what transports append to and the pipeline reads from. */
package io.vigil.core.journal;
