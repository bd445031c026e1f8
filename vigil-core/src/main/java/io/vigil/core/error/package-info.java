/** Failure types whose class, not message, says whether to retry. */
package io.vigil.core.error;
