/** Adapters from event shapes to the Sigma field names that rules use. */
package io.vigil.sigma.event;
