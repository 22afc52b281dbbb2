package dev.agentplane.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiResponse;
import java.util.concurrent.atomic.AtomicInteger;

/** An MCP session over plain HTTP (through {@link Api}, so every answer is checked against openapi.yaml). */
final class McpHttpSession {
    static final String ACCEPT = "application/json, text/event-stream";

    private final Api api;
    private final String id;
    private final AtomicInteger ids = new AtomicInteger(1);

    private McpHttpSession(Api api, String id) {
        this.api = api;
        this.id = id;
    }

    static McpHttpSession open(Api api) {
        ApiResponse opened = api.post(McpEndpoint.PATH, initialize("2025-06-18"), "Accept", ACCEPT).expect(200);
        McpHttpSession session = new McpHttpSession(api, opened.header("Mcp-Session-Id"));
        session.send("{\"jsonrpc\": \"2.0\", \"method\": \"notifications/initialized\"}").expect(202);
        return session;
    }

    static String initialize(String version) {
        return "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"initialize\", \"params\": {\"protocolVersion\": \""
                + version + "\", \"capabilities\": {}, \"clientInfo\": {\"name\": \"java-test\", \"version\": \"1\"}}}";
    }

    String id() {
        return id;
    }

    ApiResponse send(String message) {
        return api.post(McpEndpoint.PATH, message, "Accept", ACCEPT, "Mcp-Session-Id", id, "MCP-Protocol-Version", "2025-06-18");
    }

    /** The JSON-RPC response to {@code method} (its result or its error), read from the SSE answer. */
    JsonNode request(String method, JsonNode params) {
        ObjectNode message = Json.object().put("jsonrpc", "2.0").put("id", ids.incrementAndGet()).put("method", method);
        message.set("params", params);
        ApiResponse response = send(Json.write(message)).expect(200);
        String data = response.text().lines().filter(line -> line.startsWith("data:"))
                .map(line -> line.substring(5).strip()).reduce((first, last) -> last).orElseThrow();
        JsonNode answer = Json.parse(data);
        assertThat(answer.get("id").asInt()).isEqualTo(message.get("id").asInt());
        return answer;
    }

    /** The result of calling {@code tool} with {@code arguments} (a tool error is a result too). */
    JsonNode call(String tool, String arguments) {
        ObjectNode params = Json.object().put("name", tool);
        params.set("arguments", Json.parse(arguments));
        JsonNode answer = request("tools/call", params);
        assertThat(answer.has("result")).as(answer.toString()).isTrue();
        return answer.get("result");
    }
}
