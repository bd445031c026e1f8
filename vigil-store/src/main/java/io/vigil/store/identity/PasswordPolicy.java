package io.vigil.store.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a new password must be, after NIST SP 800-63B: long enough (12-128 characters, any characters, no
 * composition rules), not the login or containing it, not one repeated character, and not on a short list of
 * passwords every guessing attack tries first. Every problem is reported, not only the first.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;

    // The commonest passwords of 12+ characters in public breach corpora, and the obvious ones for this product.
    private static final Set<String> WEAK = Set.of(
            "123456789012", "1234567890123", "12345678901234", "123456789123", "1234567891011", "111111111111",
            "000000000000", "123123123123", "qwertyuiopas", "qwertyuiop123", "qwertyuiopasdfgh", "1q2w3e4r5t6y",
            "1qaz2wsx3edc", "1q2w3e4r5t6y7u", "qazwsxedcrfv", "zaq12wsxcde3", "asdfghjkl123", "password1234",
            "password12345", "password123!", "passwordpassword", "p@ssw0rd1234", "passw0rd1234", "iloveyou1234",
            "administrator", "administrator1", "admin1234567", "adminadmin123", "letmein12345", "welcome12345",
            "welcome123456", "changeme1234", "changemenow!", "superman1234", "football1234", "baseball1234",
            "monkey123456", "dragon123456", "sunshine1234", "princess1234", "trustno1trustno1", "abc123abc123",
            "abcdefghijkl", "abcdefghijklmnop", "aaaaaaaaaaaa", "vigilvigilvigil", "vigil1234567", "vigiladmin123");

    private PasswordPolicy() {
    }

    /** Every problem with the password, empty if it is acceptable. */
    public static List<String> problems(String login, String password) {
        List<String> problems = new ArrayList<>();
        if (password == null) {
            problems.add("is required");
            return problems;
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            problems.add("must be at least " + MIN_LENGTH + " characters (was " + length + ")");
        }
        if (length > MAX_LENGTH) {
            problems.add("must be at most " + MAX_LENGTH + " characters (was " + length + ")");
        }
        if (password.chars().anyMatch(Character::isISOControl)) {
            problems.add("must not contain control characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (login != null && !login.isBlank() && lower.contains(login.strip().toLowerCase(Locale.ROOT))) {
            problems.add("must not contain the login");
        }
        if (!password.isEmpty() && password.codePoints().distinct().count() == 1) {
            problems.add("must not be one repeated character");
        }
        if (WEAK.contains(lower)) {
            problems.add("is a well-known weak password");
        }
        return problems;
    }

    /** @throws IllegalArgumentException listing every problem */
    public static void check(String login, String password) {
        List<String> problems = problems(login, password);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("password " + String.join("; ", problems));
        }
    }
}
