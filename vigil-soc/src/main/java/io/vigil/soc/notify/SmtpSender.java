package io.vigil.soc.notify;

import io.vigil.core.error.PermanentException;
import io.vigil.core.error.TemporaryException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/** Sends notifications as plain-text e-mail over SMTP (Jakarta Mail, Eclipse Angus). */
public final class SmtpSender implements Sender {

    private final SmtpSettings settings;
    private final Session session;

    public SmtpSender(SmtpSettings settings) {
        this.settings = settings;
        Properties p = new Properties();
        p.put("mail.smtp.host", settings.host());
        p.put("mail.smtp.port", Integer.toString(settings.port()));
        p.put("mail.smtp.connectiontimeout", Long.toString(settings.timeout().toMillis()));
        p.put("mail.smtp.timeout", Long.toString(settings.timeout().toMillis()));
        p.put("mail.smtp.writetimeout", Long.toString(settings.timeout().toMillis()));
        p.put("mail.smtp.auth", Boolean.toString(settings.username() != null));
        p.put("mail.smtp.starttls.enable", Boolean.toString(settings.startTls()));
        p.put("mail.smtp.starttls.required", Boolean.toString(settings.startTls()));
        this.session = Session.getInstance(p);
    }

    @Override
    public void send(Route route, Notification notification, UUID deliveryId) {
        send("route " + route.name(), route.recipients(), notification.subject(), notification.text(), notification.at(),
                deliveryId);
    }

    /**
     * Sends one plain-text message to the recipients; what {@link #send(Route, Notification, UUID)} does for a route,
     * and what platform alerts use for the MSSP's operators, who are no tenant's route.
     *
     * @param label names the recipients in errors ({@code route …}, {@code operators})
     */
    public void send(String label, List<String> recipients, String subject, String text, Instant at, UUID deliveryId) {
        MimeMessage message = new MimeMessage(session);
        try {
            message.setFrom(new InternetAddress(settings.from()));
            for (String to : recipients) {
                message.addRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
            }
            message.setSubject(oneLine(subject), "UTF-8");
            message.setSentDate(Date.from(at));
            message.setHeader("X-Vigil-Delivery", deliveryId.toString());
            message.setText(text, "UTF-8");
        } catch (AddressException e) {
            throw new PermanentException("bad e-mail address in " + label + ": " + e.getMessage(), e);
        } catch (MessagingException e) {
            throw new PermanentException("e-mail cannot be composed: " + e.getMessage(), e);
        }
        try {
            if (settings.username() != null) {
                Transport.send(message, settings.username(), settings.password());
            } else {
                Transport.send(message);
            }
        } catch (SendFailedException e) {
            if (e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0) {
                throw new PermanentException("SMTP refused recipients of " + label + ": " + e.getMessage(), e);
            }
            throw new TemporaryException("SMTP send failed: " + e.getMessage(), Duration.ofMinutes(1), e);
        } catch (MessagingException e) {
            throw new TemporaryException("SMTP unreachable or failed: " + e.getMessage(), Duration.ofMinutes(1), e);
        }
    }

    /** Header injection: a subject never spans lines. */
    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ");
    }
}
