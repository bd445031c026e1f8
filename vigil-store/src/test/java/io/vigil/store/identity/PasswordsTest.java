package io.vigil.store.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordsTest {

    private final Passwords passwords = new Passwords();

    @Test
    void hashesAsArgon2idPhcStringWithOwaspParametersAndFreshSalt() {
        String first = passwords.hash("correct horse battery staple");
        String second = passwords.hash("correct horse battery staple");

        assertThat(first).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(first).isNotEqualTo(second);
        assertThat(passwords.verify("correct horse battery staple", first)).isTrue();
        assertThat(passwords.verify("correct horse battery staple", second)).isTrue();
        assertThat(passwords.verify("correct horse battery stapl", first)).isFalse();
    }

    @Test
    void malformedOrForeignHashesNeverVerifyAndNeedRehash() {
        for (String bad : new String[] {null, "", "plain", "$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$AAAAAAAAAAAAAAAAAAAAAA",
                "$argon2id$v=19$m=99999999,t=2,p=1$c29tZXNhbHQ$AAAAAAAAAAAAAAAAAAAAAA", "$2a$10$abcdefghijklmnopqrstuv"}) {
            assertThat(passwords.verify("password", bad)).as(bad).isFalse();
            assertThat(passwords.needsRehash(bad)).as(bad).isTrue();
        }
    }

    @Test
    void weakerParametersVerifyButNeedRehash() {
        Passwords stronger = new Passwords(32 * 1024, 3, 1);
        String weak = passwords.hash("a long enough passphrase");

        assertThat(stronger.verify("a long enough passphrase", weak)).isTrue();
        assertThat(stronger.needsRehash(weak)).isTrue();
        assertThat(passwords.needsRehash(weak)).isFalse();
        assertThat(stronger.needsRehash(stronger.hash("a long enough passphrase"))).isFalse();
    }

    @Test
    void refusesParametersBelowOwaspMinimum() {
        assertThatThrownBy(() -> new Passwords(8 * 1024, 2, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("m=19456");
        assertThatThrownBy(() -> new Passwords(19 * 1024, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void verifyNothingNeverSucceeds() {
        assertThat(passwords.verifyNothing("anything")).isFalse();
        assertThat(passwords.verifyNothing(null)).isFalse();
    }
}
