-- TOTP secrets are stored sealed (AES-256-GCM under the data key in <data-dir>/secrets/data-key, see
-- io.vigil.store.secret.SecretBox): 'v1:' and base64 of nonce, ciphertext and tag, longer than the plain base32.
-- Plain secrets written before this version are sealed by the application at its next start
-- (Users.sealPlainTotpSecrets), which holds the key; SQL cannot.
ALTER TABLE user_account ALTER COLUMN totp_secret SET DATA TYPE VARCHAR(200);
ALTER TABLE user_account ALTER COLUMN totp_pending_secret SET DATA TYPE VARCHAR(200);
