/**
 * Password login with a second factor, browser sessions (cookie, idle and absolute timeouts, CSRF token), password
 * change and TOTP enrolment. {@link io.vigil.server.auth.SessionStarter} opens a session for any way of logging in.
 */
package io.vigil.server.auth;
