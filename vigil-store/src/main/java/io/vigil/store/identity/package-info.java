/**
 * Local identities: {@link io.vigil.store.identity.Users accounts}, their standing
 * {@link io.vigil.store.identity.RoleBindings role bindings}, {@link io.vigil.store.identity.Passwords Argon2id
 * password hashes} and the {@link io.vigil.store.identity.PasswordPolicy policy} new passwords meet, second
 * factors ({@link io.vigil.store.identity.Totp TOTP}, {@link io.vigil.store.identity.RecoveryCodes recovery codes})
 * and browser {@link io.vigil.store.identity.Sessions sessions}.
 */
package io.vigil.store.identity;
