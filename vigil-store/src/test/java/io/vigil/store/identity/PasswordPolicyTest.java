package io.vigil.store.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    @Test
    void acceptsALongPassphraseOfAnyCharacters() {
        assertThat(PasswordPolicy.problems("alice", "Grüne Äpfel im Oktober")).isEmpty();
        assertThat(PasswordPolicy.problems("alice", "x".repeat(11) + "y")).isEmpty();
    }

    @Test
    void namesEveryProblem() {
        assertThat(PasswordPolicy.problems("alice", "alice")).containsExactly(
                "must be at least 12 characters (was 5)", "must not contain the login");
        assertThat(PasswordPolicy.problems("bob", "Password1234")).containsExactly("is a well-known weak password");
        assertThat(PasswordPolicy.problems("bob", "a".repeat(129))).containsExactly(
                "must be at most 128 characters (was 129)", "must not be one repeated character");
        assertThat(PasswordPolicy.problems("bob", null)).containsExactly("is required");
    }

    @Test
    void checkListsAllProblemsInOneMessage() {
        assertThatThrownBy(() -> PasswordPolicy.check("carol", "carol"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("password must be at least 12 characters (was 5); must not contain the login");
    }
}
