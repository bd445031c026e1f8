/** Tenants: the client organisations of the MSSP, each strictly isolated from the others. */
package io.vigil.core.tenant;
