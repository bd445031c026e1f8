/** Shapes shared by every API of Vigil. */
package io.vigil.core.api;
