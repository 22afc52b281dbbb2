package dev.agentplane.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A key's request-signing secret ({@code aps_...}): requests made with the key carry an HMAC-SHA256 keyed with
 * the secret's UTF-8 bytes. Its {@code toString} never shows the value, so it cannot leak into a log line.
 */
public final class SigningSecret {
    private final SecretKeySpec key;

    SigningSecret(String value) {
        this.key = new SecretKeySpec(value.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The signature of {@code message}: lowercase hex HMAC-SHA256. */
    public String sign(String message) {
        return HexFormat.of().formatHex(mac(message));
    }

    /** Whether {@code presentedHex} is the signature of {@code message}, compared in constant time. */
    public boolean verifies(String message, String presentedHex) {
        byte[] presented;
        try {
            presented = HexFormat.of().parseHex(presentedHex);
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(mac(message), presented);
    }

    private byte[] mac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "SigningSecret[REDACTED]";
    }
}
