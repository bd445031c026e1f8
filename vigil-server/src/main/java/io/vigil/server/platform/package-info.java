/**
 * Platform alerts in the server: {@link io.vigil.server.platform.PlatformAlertWiring} runs the plain-Java
 * {@link io.vigil.soc.platform.PlatformAlerts} over every {@link io.vigil.soc.platform.PlatformCondition} bean (today
 * the journal's storage), tells the operators of {@code vigil.alerts.*} by e-mail and webhook, records each episode in
 * the audit log, and lists current and recent alerts at {@code GET /api/v1/platform/alerts}. Another platform
 * condition is a new {@link io.vigil.soc.platform.PlatformAlertKind} and one more condition bean.
 */
package io.vigil.server.platform;
