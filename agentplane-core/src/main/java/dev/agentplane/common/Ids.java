package dev.agentplane.common;

import java.util.concurrent.ThreadLocalRandom;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Time-ordered UUIDv7 identifiers: sorting ids as strings sorts them by creation time. Within one process they
 * are strictly increasing, even within a millisecond (RFC 9562, method 1: a 12-bit counter in rand_a). Ids are
 * not secrets, so their random bits come from ThreadLocalRandom rather than a contended SecureRandom.
 */
public final class Ids {
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static long lastMillis;
    private static int counter;

    private Ids() {}

    public static String newId() {
        return newId(System.currentTimeMillis());
    }

    static synchronized String newId(long epochMillis) {
        if (epochMillis > lastMillis) {
            lastMillis = epochMillis;
            counter = ThreadLocalRandom.current().nextInt(1 << 11);
        } else if (++counter >= 1 << 12) {
            lastMillis++;
            counter = 0;
        }
        long msb = (lastMillis << 16) | 0x7000L | counter;
        long lsb = (ThreadLocalRandom.current().nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    public static boolean isValid(String id) {
        return id != null && UUID_TEXT.matcher(id).matches();
    }
}
