/**
 * Notifications as plain Java: per-tenant {@link io.vigil.soc.notify.Route}s by priority, event and escalation step;
 * deliveries by e-mail over SMTP ({@link io.vigil.soc.notify.SmtpSender}) and by webhooks signed with HMAC-SHA256
 * ({@link io.vigil.soc.notify.WebhookSender}); retries with exponential backoff and a dead-letter list
 * ({@link io.vigil.soc.notify.Notifier}); SSRF-safe outbound calls ({@link io.vigil.soc.notify.OutboundGuard}).
 */
package io.vigil.soc.notify;
