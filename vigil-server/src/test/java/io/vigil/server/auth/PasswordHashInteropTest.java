package io.vigil.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.store.identity.Passwords;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Vigil's PHC strings agree with an independent Argon2id encoder (Spring Security's): each verifies the other's
 * hashes, so stored hashes are portable and the PHC encoding is the standard one.
 */
class PasswordHashInteropTest {

    private final Passwords passwords = new Passwords();
    private final Argon2PasswordEncoder spring = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);

    @Test
    void springVerifiesVigilsHashes() {
        String hash = passwords.hash("correct horse battery staple");
        assertThat(spring.matches("correct horse battery staple", hash)).isTrue();
        assertThat(spring.matches("correct horse battery stapler", hash)).isFalse();
    }

    @Test
    void vigilVerifiesSpringsHashes() {
        String hash = spring.encode("correct horse battery staple");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(passwords.verify("correct horse battery staple", hash)).isTrue();
        assertThat(passwords.verify("Correct horse battery staple", hash)).isFalse();
        assertThat(passwords.needsRehash(hash)).isFalse();
    }
}
