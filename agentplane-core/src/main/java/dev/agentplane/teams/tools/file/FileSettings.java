package dev.agentplane.teams.tools.file;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.teams.tools.support.SettingsReader;
import java.util.Set;

/**
 * The {@code tools.file} section of a team: how many bytes one read returns ({@code max_read_bytes}, 256 KiB; a
 * larger file is read in parts), how many one write may hold ({@code max_write_bytes}, 1 MiB), and how many
 * search matches ({@code max_search_matches}, 100) and listing entries ({@code max_list_entries}, 1000) come back.
 */
public record FileSettings(int maxReadBytes, int maxWriteBytes, int maxSearchMatches, int maxListEntries) {
    public static final int DEFAULT_MAX_READ_BYTES = 256 * 1024;
    public static final int DEFAULT_MAX_WRITE_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_SEARCH_MATCHES = 100;
    public static final int DEFAULT_MAX_LIST_ENTRIES = 1000;

    public static FileSettings defaults() {
        return from(null, "tools.file");
    }

    public static FileSettings from(JsonNode node, String path) {
        SettingsReader settings = SettingsReader.of(node, path,
                Set.of("max_read_bytes", "max_write_bytes", "max_search_matches", "max_list_entries"));
        return new FileSettings(
                settings.integer("max_read_bytes", DEFAULT_MAX_READ_BYTES, 1024, 64 * 1024 * 1024),
                settings.integer("max_write_bytes", DEFAULT_MAX_WRITE_BYTES, 1, 256 * 1024 * 1024),
                settings.integer("max_search_matches", DEFAULT_MAX_SEARCH_MATCHES, 1, 10_000),
                settings.integer("max_list_entries", DEFAULT_MAX_LIST_ENTRIES, 1, 100_000));
    }
}
