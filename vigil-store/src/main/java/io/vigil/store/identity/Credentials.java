package io.vigil.store.identity;

/**
 * An account's secrets, read only to check a login or a TOTP code.
 *
 * @param passwordHash      Argon2id PHC string, {@code null} if the account has no password
 * @param totpSecret        the enrolled TOTP secret (base32), {@code null} if none
 * @param totpPendingSecret a secret being enrolled, {@code null} if none
 * @param totpLastStep      the last TOTP time step accepted, {@code null} if none
 */
public record Credentials(String passwordHash, String totpSecret, String totpPendingSecret, Long totpLastStep) {

    @Override
    public String toString() {
        return "Credentials[***]";
    }
}
