/**
 * The Sigma condition grammar: a hand-written recursive-descent parser producing a sealed AST.
 *
 * <p>Precedence, least to most binding, per the specification: {@code or}, {@code and}, {@code not},
 * {@code x of pattern}, parentheses. Only {@code 1 of} and {@code all of} exist in Sigma v2; {@code any of} and
 * {@code N of} for other N are rejected with their position.
 */
package io.vigil.sigma.condition;
