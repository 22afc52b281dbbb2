package dev.agentplane.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.server.http.AccessPolicy;
import dev.agentplane.tenancy.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The tool table of docs/mcp.md is the catalogue the server serves (names, arguments, operations, roles). After
 * changing mcp-tools.yaml or a rule, run this test with {@code -Dagentplane.updateDocs=true} to rewrite the table.
 */
class McpDocTest {
    private static final Path DOC = Path.of("..", "docs", "mcp.md");
    private static final String START = "<!-- mcp-tools -->";
    private static final String END = "<!-- /mcp-tools -->";

    @Test
    void the_documented_tool_table_matches_the_catalogue() throws IOException {
        String doc = Files.readString(DOC);
        if (Boolean.getBoolean("agentplane.updateDocs")) {
            doc = doc.substring(0, doc.indexOf(START)) + expectedTable() + doc.substring(doc.indexOf(END) + END.length());
            Files.writeString(DOC, doc);
        }

        assertThat(doc).as("docs/mcp.md must contain this table, between the markers").contains(expectedTable());
    }

    static String expectedTable() {
        StringBuilder table = new StringBuilder(START).append("\n| tool | arguments (`?` optional) | stands for | roles |\n|---|---|---|---|\n");
        for (McpTools.Definition tool : McpTools.catalogue()) {
            Set<Role> roles = AccessPolicy.rolesFor(tool.operation());
            table.append("| `").append(tool.name()).append("` | ").append(arguments(tool.inputSchema())).append(" | ")
                    .append(tool.operation()).append(" | ")
                    .append(Arrays.stream(Role.values()).filter(roles::contains).map(Role::wireName).collect(Collectors.joining(", ")))
                    .append(" |\n");
        }
        return table.append(END).toString();
    }

    private static String arguments(JsonNode schema) {
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        List<String> names = new ArrayList<>();
        schema.get("properties").fieldNames().forEachRemaining(name ->
                names.add("`" + name + (required.contains(name) ? "" : "?") + "`"));
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
