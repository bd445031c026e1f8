package io.vigil.soc.platform;

import io.vigil.soc.notify.SmtpSender;
import java.util.List;
import java.util.UUID;

/** Operators' e-mail addresses, reached through the notification SMTP relay. */
public final class EmailOperators implements OperatorChannel {

    private final SmtpSender smtp;
    private final List<String> recipients;

    public EmailOperators(SmtpSender smtp, List<String> recipients) {
        if (recipients == null || recipients.isEmpty()) {
            throw new IllegalArgumentException("operator e-mail needs at least one address");
        }
        this.smtp = smtp;
        this.recipients = List.copyOf(recipients);
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public void send(OperatorMessage message, UUID deliveryId) {
        smtp.send("operators", recipients, message.subject(), message.text(), message.at(), deliveryId);
    }
}
