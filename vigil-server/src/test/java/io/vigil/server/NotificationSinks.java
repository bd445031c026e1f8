package io.vigil.server;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.vigil.soc.notify.WebhookSender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where the application's notifications arrive in a test: a real SMTP server (GreenMail) and a webhook receiver on
 * loopback that keeps each call's body, timestamp and signature. Both listen on free ports.
 */
final class NotificationSinks implements AutoCloseable {

    final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    final List<Map<String, String>> hooks = new CopyOnWriteArrayList<>();
    private final HttpServer receiver;

    NotificationSinks() {
        smtp.start();
        try {
            receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        receiver.createContext("/itsm", exchange -> {
            hooks.add(Map.of("body", new String(exchange.getRequestBody().readNBytes(1 << 20), StandardCharsets.UTF_8),
                    "timestamp", exchange.getRequestHeaders().getFirst(WebhookSender.TIMESTAMP_HEADER),
                    "signature", exchange.getRequestHeaders().getFirst(WebhookSender.SIGNATURE_HEADER)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    int smtpPort() {
        return smtp.getSmtp().getPort();
    }

    /** The receiver's URL, on loopback: a tenant must allow 127.0.0.1 for its webhooks to reach it. */
    String webhookUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/itsm";
    }

    @Override
    public void close() {
        smtp.stop();
        receiver.stop(0);
    }
}
