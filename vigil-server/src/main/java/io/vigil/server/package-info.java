/**
 * The Vigil server: Spring Boot wiring of the plain-Java modules, the REST API, security, the CLI and the
 * demo. This is the only module that knows Spring.
 */
package io.vigil.server;
