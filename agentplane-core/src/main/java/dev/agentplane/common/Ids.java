package dev.agentplane.common;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Time-ordered UUIDv7 identifiers: sorting ids as strings sorts them by creation time. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private Ids() {}

    public static String newId() {
        return newId(System.currentTimeMillis());
    }

    static String newId(long epochMillis) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long msb = (epochMillis << 16) | 0x7000L | ((random[0] & 0x0FL) << 8) | (random[1] & 0xFFL);
        long lsb = 0x8000000000000000L | ((random[2] & 0x3FL) << 56);
        for (int i = 3; i < 10; i++) {
            lsb |= (random[i] & 0xFFL) << (8 * (9 - i));
        }
        return new java.util.UUID(msb, lsb).toString();
    }

    public static boolean isValid(String id) {
        return id != null && UUID.matcher(id).matches();
    }
}
