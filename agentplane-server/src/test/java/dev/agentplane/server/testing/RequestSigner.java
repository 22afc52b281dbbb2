package dev.agentplane.server.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs requests the way a client following docs/security.md would, written here from the document rather than
 * taken from the server's code, so a test that passes shows the two agree.
 */
public final class RequestSigner {
    private RequestSigner() {}

    /** The two signing headers, ready for {@link Api}'s header arguments. */
    public static String[] headers(String secret, long timestamp, String method, String target, String body) {
        return new String[] {"AgentPlane-Timestamp", String.valueOf(timestamp),
                "AgentPlane-Signature", "v1=" + signature(secret, timestamp, method, target, body)};
    }

    public static String signature(String secret, long timestamp, String method, String target, String body) {
        return hmacSha256Hex(secret, stringToSign(timestamp, method, target, body));
    }

    public static String stringToSign(long timestamp, String method, String target, String body) {
        return timestamp + "\n" + method + "\n" + target + "\n" + sha256Hex(body == null ? "" : body);
    }

    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hmacSha256Hex(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
