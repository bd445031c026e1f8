/**
 * Administration of accounts and their role bindings: platform-wide (MSSP staff, service accounts) and per tenant
 * (client users), and the accounts created at first start or for the demo.
 */
package io.vigil.server.user;
