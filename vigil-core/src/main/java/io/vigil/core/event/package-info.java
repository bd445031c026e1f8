/** Raw and decoded events; every one carries its tenant. */
package io.vigil.core.event;
