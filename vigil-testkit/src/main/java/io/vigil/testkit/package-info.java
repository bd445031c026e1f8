/** Helpers that let anyone test a decoder, a stage or a repository in a few lines. */
package io.vigil.testkit;
