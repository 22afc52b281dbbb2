package dev.agentplane.common;

import dev.agentplane.common.problems.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque pagination cursors: the sort key of the last row seen, so pages stay stable under inserts. */
public final class Cursor {
    private static final String VERSION = "c1:";

    private Cursor() {}

    public static String encode(String lastSortKey) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((VERSION + lastSortKey).getBytes(StandardCharsets.UTF_8));
    }

    /** Returns the sort key inside the cursor, or null when there is no cursor. */
    public static String decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(VERSION) && text.indexOf('\0') < 0) {
                return text.substring(VERSION.length());
            }
        } catch (IllegalArgumentException notBase64) {
            // reported below
        }
        throw InvalidInputException.parameter("cursor", "is not a cursor this server issued",
                "pass the next_cursor value of the previous page unchanged, or omit cursor for the first page");
    }
}
