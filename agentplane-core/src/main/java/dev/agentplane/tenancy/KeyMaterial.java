package dev.agentplane.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Key format {@code ap_<id>_<secret>} and the one-way hash that is all the database ever sees; signing secrets
 * {@code aps_<secret>}.
 */
final class KeyMaterial {
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyMaterial() {}

    static String newKey(String keyId) {
        return "ap_" + keyId.replace("-", "") + "_" + randomText();
    }

    /** A request-signing secret: 256 random bits, recognisable by its prefix (and so redacted wherever it appears). */
    static String newSigningSecret() {
        return "aps_" + randomText();
    }

    private static String randomText() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** What a listing shows to tell keys apart: enough to recognise, useless to authenticate. */
    static String prefix(String key) {
        return key.startsWith("ap_") ? key.substring(0, 12) : key.substring(0, 4) + "…";
    }

    static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Compares two hex digests in time independent of where they differ. */
    static boolean sameDigest(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
