package dev.agentplane.teams.tools.mcp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The name an agent calls a server's tool by: {@code <server>__<tool>} in the characters and length providers
 * accept ({@code ^[a-zA-Z0-9_-]{1,64}$}); other characters become '_'. A name that had to be cut, or that would
 * clash with another, ends with a short hash of the whole so that names stay apart.
 */
final class ToolNames {
    static final int MAX_LENGTH = 64;
    private static final int HASH_LENGTH = 8;

    private ToolNames() {}

    static String qualified(String server, String tool) {
        String safe = safe(server, tool);
        return safe.length() <= MAX_LENGTH ? safe : distinct(server, tool);
    }

    /** A name for when {@link #qualified} is too long or already taken. */
    static String distinct(String server, String tool) {
        String safe = safe(server, tool);
        String prefix = safe.substring(0, Math.min(safe.length(), MAX_LENGTH - HASH_LENGTH - 1));
        return prefix + "_" + hash(server + "__" + tool);
    }

    private static String safe(String server, String tool) {
        return (server + "__" + tool).replaceAll("[^a-zA-Z0-9_-]", "_");
    }

    private static String hash(String whole) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(whole.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
