package io.vigil.ingest.syslog;

import io.vigil.ingest.tls.TlsEngine;

/** Every {@link SyslogServerTest} case on the JDK's TLS engine, the fallback where BoringSSL cannot load. */
class SyslogServerOnJdkTlsTest extends SyslogServerTest {

    @Override
    TlsEngine engine() {
        return TlsEngine.JDK;
    }
}
