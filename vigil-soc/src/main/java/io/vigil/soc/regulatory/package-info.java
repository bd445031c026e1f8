/**
 * Regulatory reporting clocks: NIS-2 Art. 23 (early warning, incident notification, progress and final report) and
 * GDPR Art. 33 (notification of a personal data breach). {@link io.vigil.soc.regulatory.Step} holds the content each
 * report asks for, {@link io.vigil.soc.regulatory.RegulatoryDeadlines} the deadlines, and
 * {@link io.vigil.soc.regulatory.RegulatoryClocks} is where clocks and drafts are kept.
 */
package io.vigil.soc.regulatory;
