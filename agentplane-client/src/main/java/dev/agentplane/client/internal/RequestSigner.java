package dev.agentplane.client.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a request for a signed key as docs/security.md ("Request signing") describes: HMAC-SHA256, keyed with the
 * signing secret, of the timestamp, the method, the request target exactly as sent, and the body's SHA-256.
 */
public final class RequestSigner {
    public static final String TIMESTAMP_HEADER = "AgentPlane-Timestamp";
    public static final String SIGNATURE_HEADER = "AgentPlane-Signature";
    private final SecretKeySpec key;

    public RequestSigner(String signingSecret) {
        this.key = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The value of {@code AgentPlane-Signature}: {@code v1=} and the hex HMAC. */
    public String signature(long epochSeconds, String method, String target, byte[] body) {
        return "v1=" + hmacHex(stringToSign(epochSeconds, method, target, body));
    }

    public static String stringToSign(long epochSeconds, String method, String target, byte[] body) {
        return epochSeconds + "\n" + method.toUpperCase(java.util.Locale.ROOT) + "\n" + target + "\n" + sha256Hex(body);
    }

    static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String hmacHex(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
