/**
 * TLS for Vigil's listeners: the built-in MSSP certificate authority ({@link io.vigil.ingest.tls.CertificateAuthority})
 * that issues collector certificates naming tenant and collector ({@link io.vigil.ingest.tls.CollectorIdentity}),
 * and the Netty contexts ({@link io.vigil.ingest.tls.TlsContexts}): mutual TLS for syslog, server TLS for HTTPS ingest.
 */
package io.vigil.ingest.tls;
