/** API tokens through the REST API: people's personal tokens and service accounts' tokens. */
package io.vigil.server.token;
