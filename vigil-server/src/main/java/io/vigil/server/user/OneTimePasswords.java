package io.vigil.server.user;

import io.vigil.store.identity.PasswordPolicy;
import java.security.SecureRandom;

/** Random one-time passwords for new accounts and resets: 20 characters, about 115 bits. */
final class OneTimePasswords {

    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int LENGTH = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private OneTimePasswords() {
    }

    static String generate(String login) {
        while (true) {
            StringBuilder password = new StringBuilder(LENGTH);
            for (int i = 0; i < LENGTH; i++) {
                password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            // the policy refuses a password containing the login; a random one almost never does
            if (PasswordPolicy.problems(login, password.toString()).isEmpty()) {
                return password.toString();
            }
        }
    }
}
