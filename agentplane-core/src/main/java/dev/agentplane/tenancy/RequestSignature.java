package dev.agentplane.tenancy;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The request-signing scheme (docs/security.md, "Request signing"): the signature is
 * {@code v1=} + lowercase hex HMAC-SHA256, keyed with the key's signing secret, of
 * {@code <timestamp>\n<METHOD>\n<request target>\n<hex SHA-256 of the body>}.
 */
public final class RequestSignature {
    /** How far a signed timestamp may be from the server's clock, either way. */
    public static final long WINDOW_SECONDS = 300;

    private RequestSignature() {}

    /**
     * What is signed. {@code target} is the path and, when there is one, {@code ?} and the query, both exactly as
     * sent (percent-encoding untouched); {@code body} is the raw body (empty when there is none).
     */
    public static String stringToSign(long timestamp, String method, String target, byte[] body) {
        return timestamp + "\n" + method + "\n" + target + "\n" + sha256Hex(body);
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
