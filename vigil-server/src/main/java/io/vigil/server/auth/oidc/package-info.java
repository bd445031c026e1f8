/**
 * Single sign-on with OpenID Connect: the authorization code flow with PKCE against each configured provider
 * ({@link io.vigil.server.auth.oidc.OidcClient}), pending logins kept server-side
 * ({@link io.vigil.server.auth.oidc.OidcLoginState}), the mapping of ID token claims to an actor kind, a home tenant
 * and role bindings ({@link io.vigil.server.auth.oidc.OidcClaimMapping}), and the hand-over of a verified and mapped
 * identity to whatever opens the account's session ({@link io.vigil.server.auth.oidc.OidcLoginCompletion}).
 */
package io.vigil.server.auth.oidc;
