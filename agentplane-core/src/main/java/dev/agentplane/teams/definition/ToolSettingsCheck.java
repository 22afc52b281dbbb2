package dev.agentplane.teams.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.teams.tools.controlplane.StateSettings;
import dev.agentplane.teams.tools.file.FileSettings;
import dev.agentplane.teams.tools.http.HttpSettings;
import dev.agentplane.teams.tools.mcp.McpServers;
import dev.agentplane.teams.tools.policy.PolicySettings;
import dev.agentplane.teams.tools.terminal.TerminalSettings;
import dev.agentplane.teams.tools.terraform.TerraformSettings;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads each tool's settings (and the MCP servers) with the tool's own reader when the team file is read, so a
 * mistake there is reported like any other: file, line and field — not when the run starts.
 */
final class ToolSettingsCheck {
    private static final Map<String, BiConsumer<JsonNode, String>> READERS = Map.of(
            "terminal", TerminalSettings::from, "file", FileSettings::from, "http", HttpSettings::from,
            "terraform", TerraformSettings::from, "policy", PolicySettings::from, "state", StateSettings::from);
    /** The key path a settings reader's message starts with: tools.terminal.timeout_seconds, mcp_servers.x.args[0]. */
    private static final Pattern KEY_PATH = Pattern.compile("^([A-Za-z0-9_\\-]+(?:\\.[A-Za-z0-9_\\-]+|\\[\\d+])*)(?:\\s|:)");

    /** What a settings reader refused: {@code pointer} is the field it named (null when it named none). */
    record Complaint(String pointer, String message) {}

    private ToolSettingsCheck() {}

    /** What is wrong with {@code settings} of {@code tool}, or null when they read well. */
    static Complaint tool(String tool, JsonNode settings) {
        BiConsumer<JsonNode, String> reader = READERS.get(tool);
        return reader == null ? null : check(() -> reader.accept(settings, "tools." + tool));
    }

    /** Variables are checked when a run starts (a listing should not need every key set). */
    static Complaint mcpServers(JsonNode servers) {
        return check(() -> McpServers.from(servers, "mcp_servers", name -> "set"));
    }

    private static Complaint check(Runnable read) {
        try {
            read.run();
            return null;
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? "is invalid" : e.getMessage();
            Matcher path = KEY_PATH.matcher(message);
            if (!path.find()) {
                return new Complaint(null, message);
            }
            String pointer = "/" + path.group(1).replaceAll("\\[(\\d+)]", ".$1").replace('.', '/');
            return new Complaint(pointer, message.substring(path.group(1).length()).strip());
        }
    }
}
