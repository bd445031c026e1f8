/**
 * Syslog transports: UDP, TCP (LF or octet-counted framing, RFC 6587) and TLS with client certificates
 * (RFC 5425). {@link io.vigil.ingest.syslog.SyslogServer} frames, terminates TLS, identifies the tenant
 * (client certificate, or declared source network for plain senders) and counts; it hands one
 * {@code RawEvent} per message to the journal and never decodes.
 */
package io.vigil.ingest.syslog;
