package dev.agentplane.teams.tools.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Reads one server's settings, every error naming the key path. */
final class McpServerReader {
    private static final Set<String> KEYS = Set.of("command", "args", "env", "cwd", "url", "headers",
            "timeout_seconds", "tools");
    private static final int MAX_TIMEOUT_SECONDS = 3600;

    private McpServerReader() {}

    static McpServerSettings read(String name, JsonNode node, String path, Function<String, String> environment) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(path + " must be a map with either command (a stdio server) or url"
                    + " (a streamable HTTP server)");
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(path + "." + key + " is not a setting of an MCP server (known:"
                        + " command, args, env, cwd, url, headers, timeout_seconds, tools)");
            }
        });
        boolean stdio = node.has("command");
        boolean http = node.has("url");
        if (stdio == http) {
            throw new IllegalArgumentException(path + " must have exactly one of command (a stdio server) or url"
                    + " (a streamable HTTP server)");
        }
        McpEndpoint endpoint = stdio ? stdio(node, path, environment) : http(node, path, environment);
        return new McpServerSettings(name, endpoint, timeout(node.get("timeout_seconds"), path + ".timeout_seconds"),
                tools(node.get("tools"), path + ".tools"));
    }

    private static McpEndpoint stdio(JsonNode node, String path, Function<String, String> environment) {
        refuse(node, "headers", path, "is for url servers; a command server takes env");
        String command = text(node.get("command"), path + ".command");
        if (command.isBlank()) {
            throw new IllegalArgumentException(path + ".command must name the program that starts the server");
        }
        List<String> args = new ArrayList<>();
        JsonNode argsNode = node.get("args");
        if (argsNode != null && !argsNode.isNull()) {
            if (!argsNode.isArray()) {
                throw new IllegalArgumentException(path + ".args must be a list of strings");
            }
            for (int i = 0; i < argsNode.size(); i++) {
                args.add(scalar(argsNode.get(i), path + ".args[" + i + "]"));
            }
        }
        Path cwd = null;
        JsonNode cwdNode = node.get("cwd");
        if (cwdNode != null && !cwdNode.isNull()) {
            try {
                cwd = Path.of(text(cwdNode, path + ".cwd"));
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException(path + ".cwd is not a valid path: " + e.getReason());
            }
        }
        return new McpEndpoint.Stdio(command, args, map(node.get("env"), path + ".env", environment), cwd);
    }

    private static McpEndpoint http(JsonNode node, String path, Function<String, String> environment) {
        for (String key : List.of("args", "env", "cwd")) {
            refuse(node, key, path, "is for command servers; a url server takes headers");
        }
        String text = text(node.get("url"), path + ".url");
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(path + ".url is not a valid URL: " + e.getMessage());
        }
        if (!("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))
                || url.getHost() == null) {
            throw new IllegalArgumentException(path + ".url must be an http:// or https:// URL with a host, e.g."
                    + " http://127.0.0.1:3001/mcp");
        }
        return new McpEndpoint.StreamableHttp(url, map(node.get("headers"), path + ".headers", environment));
    }

    private static Duration timeout(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return McpServerSettings.DEFAULT_TIMEOUT;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 1
                || node.asInt() > MAX_TIMEOUT_SECONDS) {
            throw new IllegalArgumentException(path + " must be a whole number of seconds between 1 and "
                    + MAX_TIMEOUT_SECONDS);
        }
        return Duration.ofSeconds(node.asInt());
    }

    private static Set<String> tools(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return Set.of();
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new IllegalArgumentException(path + " must be a non-empty list of the server's tool names to"
                    + " offer (leave it out to offer them all)");
        }
        Set<String> tools = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            tools.add(text(node.get(i), path + "[" + i + "]"));
        }
        return tools;
    }

    private static Map<String, String> map(JsonNode node, String path, Function<String, String> environment) {
        Map<String, String> values = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(path + " must be a map of names to string values");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String fieldPath = path + "." + field.getKey();
            values.put(field.getKey(), EnvironmentReferences.expand(scalar(field.getValue(), fieldPath), fieldPath,
                    environment));
        }
        return values;
    }

    private static String text(JsonNode node, String path) {
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException(path + " must be a string");
        }
        return node.asText();
    }

    /** A string, or a number or boolean taken as its text (YAML writes {@code PORT: 3001} unquoted). */
    private static String scalar(JsonNode node, String path) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            throw new IllegalArgumentException(path + " must be a string");
        }
        return node.asText();
    }

    private static void refuse(JsonNode node, String key, String path, String why) {
        if (node.has(key)) {
            throw new IllegalArgumentException(path + "." + key + " " + why);
        }
    }
}
