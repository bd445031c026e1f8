/** Small JSON helpers shared by modules that write JSON without a library. */
package io.vigil.core.json;
