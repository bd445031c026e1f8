/**
 * Platform alerts: conditions of the installation itself (not of a tenant) that the MSSP's operators must hear about,
 * such as the journal's storage refusing appends. A {@link io.vigil.soc.platform.PlatformCondition} reports what is
 * wrong now; {@link io.vigil.soc.platform.PlatformAlerts} turns that into one alert per episode (raised when a problem
 * appears, resolved once it has stayed away for a hold-down time, so that a flapping condition sends two messages,
 * not hundreds), tells the operators through their {@link io.vigil.soc.platform.OperatorChannel}s (e-mail, signed
 * webhook) with retries, and records both ends of each episode in the audit log as platform events.
 */
package io.vigil.soc.platform;
