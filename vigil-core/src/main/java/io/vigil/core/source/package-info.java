/**
 * Log-source health as the domain sees it: a {@link io.vigil.core.source.SourceHealth} snapshot per
 * (tenant, input, source name), and the {@link io.vigil.core.source.SourceSilence} signal raised when a source
 * falls silent or far below its baseline, delivered to every {@link io.vigil.core.source.SourceSilenceListener}.
 */
package io.vigil.core.source;
