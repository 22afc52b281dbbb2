package dev.agentplane.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiResponse;
import dev.agentplane.server.testing.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** AgentPlane's MCP endpoint driven by real MCP clients from npm, and its HTTP side checked against openapi.yaml. */
class McpApiTest {
    private static final String ACCEPT = McpHttpSession.ACCEPT;

    @ApiTest
    void the_official_typescript_client_calls_every_tool_and_reads_the_resources(Api api) {
        String capability = "mcp-pages-" + Api.unique();
        String workflow = taskWorkflow(api, capability);

        McpTestClients.Outcome outcome = McpTestClients.node("http.mjs", List.of(api.baseUrl()), Map.of(
                "AGENTPLANE_API_KEY", api.key(), "AP_VIEWER_KEY", api.newKey("viewer"),
                "AP_MCP_WORKFLOW", workflow, "AP_MCP_CAPABILITY", capability));

        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        JsonNode report = Json.parse(outcome.lastLine());
        List<String> called = new ArrayList<>();
        report.get("tools").forEach(tool -> called.add(tool.asText()));
        assertThat(called).containsExactlyInAnyOrderElementsOf(
                McpTools.catalogue().stream().map(McpTools.Definition::name).toList());
        assertThat(report.get("resources").toString()).contains("agentplane://workflows/" + workflow);
    }

    @ApiTest
    void the_inspector_cli_lists_the_tools_and_calls_one(Api api) {
        String url = api.baseUrl() + McpEndpoint.PATH;
        String auth = "Authorization: Bearer " + api.key();

        McpTestClients.Outcome list = McpTestClients.inspector(List.of(url, "--transport", "http", "--header", auth,
                "--method", "tools/list"));
        assertThat(list.exitCode()).as(list.stderr()).isZero();
        List<String> names = new ArrayList<>();
        Json.parse(list.stdout()).get("tools").forEach(tool -> names.add(tool.get("name").asText()));
        assertThat(names).hasSize(McpTools.catalogue().size()).contains("state_set", "event_record");

        McpTestClients.Outcome call = McpTestClients.inspector(List.of(url, "--transport", "http", "--header", auth,
                "--method", "tools/call", "--tool-name", "templates_list", "--tool-arg", "limit=2"));
        assertThat(call.exitCode()).as(call.stderr()).isZero();
        JsonNode result = Json.parse(call.stdout());
        assertThat(result.get("isError").asBoolean()).isFalse();
        assertThat(result.get("structuredContent").get("items")).hasSize(2);
    }

    @ApiTest
    void a_request_without_a_valid_key_gets_401_problem_before_any_mcp_processing(Api api) {
        api.as(null).post(McpEndpoint.PATH, McpHttpSession.initialize("2025-06-18"), "Accept", ACCEPT).expectProblem(401, null);
        api.as("ap_0193f5e2-7c1a-7b3e-9d2f-5a1b2c3d4e5f_wrong").post(McpEndpoint.PATH, McpHttpSession.initialize("2025-06-18"),
                "Accept", ACCEPT).expectProblem(401, null);
        api.as(null).get(McpEndpoint.PATH, "Accept", "text/event-stream").expectProblem(401, null);
        api.as(null).delete(McpEndpoint.PATH, "Mcp-Session-Id", "anything").expectProblem(401, null);
    }

    @ApiTest
    void a_session_is_opened_used_streamed_and_ended_over_plain_http(Api api) {
        ApiResponse opened = api.post(McpEndpoint.PATH, McpHttpSession.initialize("2025-06-18"), "Accept", ACCEPT).expect(200);
        assertThat(opened.header("Content-Type")).startsWith("application/json");
        assertThat(opened.body().at("/result/protocolVersion").asText()).isEqualTo("2025-06-18");
        assertThat(opened.body().at("/result/serverInfo/name").asText()).isEqualTo("agentplane");
        String session = opened.header("Mcp-Session-Id");
        assertThat(session).isNotBlank();
        String[] headers = {"Accept", ACCEPT, "Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-06-18"};

        api.post(McpEndpoint.PATH, "{\"jsonrpc\": \"2.0\", \"method\": \"notifications/initialized\"}", headers).expect(202);
        ApiResponse tools = api.post(McpEndpoint.PATH, "{\"jsonrpc\": \"2.0\", \"id\": 2, \"method\": \"tools/list\"}",
                headers).expect(200);
        assertThat(tools.header("Content-Type")).startsWith("text/event-stream");
        assertThat(tools.text()).contains("\"state_get\"", "\"event_record\"");
        try (var stream = api.events(McpEndpoint.PATH, "Mcp-Session-Id", session)) {
            assertThat(stream.response().status()).isEqualTo(200);
        }

        api.delete(McpEndpoint.PATH, "Mcp-Session-Id", session).expect(200);
        assertThat(api.post(McpEndpoint.PATH, "{\"jsonrpc\": \"2.0\", \"id\": 3, \"method\": \"tools/list\"}", headers)
                .status()).isEqualTo(404);
    }

    @ApiTest
    void malformed_messages_get_400_never_500(Api api) {
        assertThat(api.send("POST", McpEndpoint.PATH, "{not json", "application/json", "Accept", ACCEPT).status())
                .isEqualTo(400);
        assertThat(api.post(McpEndpoint.PATH, "[1, 2]", "Accept", ACCEPT).status()).isEqualTo(400);
        assertThat(api.post(McpEndpoint.PATH, McpHttpSession.initialize("2025-06-18"), "Accept", "application/json")
                .status()).isEqualTo(400);
        assertThat(api.post(McpEndpoint.PATH, "{\"jsonrpc\": \"2.0\", \"id\": 2, \"method\": \"tools/list\"}",
                "Accept", ACCEPT).status()).as("no session").isEqualTo(400);
        assertThat(api.get(McpEndpoint.PATH, "Accept", "application/json").status()).isEqualTo(400);
        McpHttpSession session = McpHttpSession.open(api);
        JsonNode missingParams = session.request("tools/call", Json.object());
        assertThat(missingParams.at("/error/code").asInt()).isEqualTo(-32602);
        JsonNode badCursor = session.request("resources/list", Json.object().put("cursor", "garbage"));
        assertThat(badCursor.at("/error/code").asInt()).isEqualTo(-32602);
    }

    @ApiTest
    void the_protocol_version_is_the_clients_when_spoken_else_the_newest(Api api) {
        assertThat(api.post(McpEndpoint.PATH, McpHttpSession.initialize("2025-03-26"), "Accept", ACCEPT).expect(200)
                .body().at("/result/protocolVersion").asText()).isEqualTo("2025-03-26");
        assertThat(api.post(McpEndpoint.PATH, McpHttpSession.initialize("1999-01-01"), "Accept", ACCEPT).expect(200)
                .body().at("/result/protocolVersion").asText()).isEqualTo("2025-11-25");
    }

    /** A workflow whose one step is a task for agents with {@code capability}. */
    static String taskWorkflow(Api api, String capability) {
        String name = "mcp-tasks-" + Api.unique();
        api.send("POST", "/v1/workflows", "name: " + name + "\nsteps:\n  - {id: work, type: task, capability: "
                + capability + ", input: {page: 3}}\n", "application/yaml").expect(201);
        return name;
    }
}
