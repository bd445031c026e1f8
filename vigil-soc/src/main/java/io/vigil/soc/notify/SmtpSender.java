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
import java.util.Date;
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
        MimeMessage message = new MimeMessage(session);
        try {
            message.setFrom(new InternetAddress(settings.from()));
            for (String to : route.recipients()) {
                message.addRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
            }
            message.setSubject(oneLine(notification.subject()), "UTF-8");
            message.setSentDate(Date.from(notification.at()));
            message.setHeader("X-Vigil-Delivery", deliveryId.toString());
            message.setText(notification.text(), "UTF-8");
        } catch (AddressException e) {
            throw new PermanentException("bad e-mail address in route " + route.name() + ": " + e.getMessage(), e);
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
                throw new PermanentException("SMTP refused recipients of route " + route.name() + ": " + e.getMessage(), e);
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
