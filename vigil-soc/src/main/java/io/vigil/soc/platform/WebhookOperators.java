package io.vigil.soc.platform;

import io.vigil.soc.notify.WebhookSender;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * The operators' webhook (a chat bridge, a paging service), signed like tenant webhooks. The operator configures it
 * in the installation's settings, as the SMTP relay, so it may be on a private network: every range is allowed.
 */
public final class WebhookOperators implements OperatorChannel {

    private static final List<String> ANY_ADDRESS = List.of("0.0.0.0/0", "::/0");

    private final WebhookSender sender;
    private final URI target;
    private final String secret;

    public WebhookOperators(WebhookSender sender, URI target, String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("the operators' webhook needs a secret of at least 16 characters");
        }
        this.sender = sender;
        this.target = target;
        this.secret = secret;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public void send(OperatorMessage message, UUID deliveryId) {
        sender.post(target, secret, ANY_ADDRESS, message.toJson(), deliveryId);
    }
}
