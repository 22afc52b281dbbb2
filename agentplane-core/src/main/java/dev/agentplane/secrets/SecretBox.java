package dev.agentplane.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts org secrets at rest with AES-256-GCM under the server's secrets key, binding each ciphertext to its org
 * and name (associated data), so a value copied to another row does not decrypt. Stored as {@code v1:<base64 of
 * nonce and ciphertext>}.
 */
public final class SecretBox {
    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;

    private SecretBox(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the secrets key must be 32 bytes (base64 of 32 random bytes, e.g. "
                    + "`openssl rand -base64 32`); it has " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** The box for a base64 key as configured (secrets_key / AGENTPLANE_SECRETS_KEY). */
    public static SecretBox ofBase64(String base64Key) {
        try {
            return new SecretBox(Base64.getDecoder().decode(base64Key.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the secrets key is not valid base64 of 32 bytes: " + e.getMessage()
                    + "; make one with `openssl rand -base64 32`", e);
        }
    }

    /** A new random key, base64: what a first start writes when none is configured. */
    public static String newBase64Key() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    String seal(String orgId, String name, String value) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, orgId, name);
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return "v1:" + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not encrypt a secret", e);
        }
    }

    /** The value, or an exception saying the key does not fit (another server's key, or a changed one). */
    String open(String orgId, String name, String stored) {
        try {
            byte[] bytes = Base64.getDecoder().decode(stored.substring("v1:".length()));
            byte[] nonce = java.util.Arrays.copyOf(bytes, NONCE_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, orgId, name);
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("secret '" + name + "' cannot be decrypted with this server's secrets key: "
                    + "every server node must use the same secrets_key (AGENTPLANE_SECRETS_KEY); set it again with "
                    + "PUT /v1/secrets/" + name + " if the key was changed");
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String orgId, String name) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(128, nonce));
        cipher.updateAAD((orgId + "/" + name).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    @Override
    public String toString() {
        return "SecretBox[key=<redacted>]";
    }
}
