package io.vigil.soc.contract;

import java.util.Objects;

/**
 * A person or desk of the client the MSSP reaches.
 *
 * @param id    a short name the escalation chain refers to ({@code ciso}, {@code it-desk})
 * @param email may be empty when a phone is given
 * @param phone may be empty when an email is given
 */
public record Contact(String id, String name, String role, String email, String phone) {

    public Contact {
        id = Contract.requireName("contact id", id);
        name = Contract.requireText("contact name", name, 1, 200);
        role = Contract.requireText("contact role", role == null ? "" : role, 0, 200);
        email = email == null ? "" : email.strip();
        phone = phone == null ? "" : phone.strip();
        if (!email.isEmpty() && !email.matches("[^@\\s]{1,64}@[^@\\s]{1,255}")) {
            throw new IllegalArgumentException("contact " + id + ": not an email address: '" + email + "'");
        }
        if (!phone.isEmpty() && !phone.matches("\\+?[0-9 ()./-]{3,32}")) {
            throw new IllegalArgumentException("contact " + id + ": not a phone number: '" + phone + "'");
        }
        if (email.isEmpty() && phone.isEmpty()) {
            throw new IllegalArgumentException("contact " + id + " needs an email or a phone");
        }
        Objects.requireNonNull(role);
    }
}
