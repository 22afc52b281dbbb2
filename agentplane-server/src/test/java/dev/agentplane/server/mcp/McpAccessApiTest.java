package dev.agentplane.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiResponse;
import dev.agentplane.server.testing.ApiTest;

/** Tool calls obey the same keys, roles, organizations and rate limits as the HTTP operations they stand for. */
class McpAccessApiTest {

    @ApiTest
    void resources_and_tools_see_only_the_callers_organization(Api api) {
        String workflow = McpApiTest.taskWorkflow(api, "scoped");
        Api other = api.inNewOrg();

        McpHttpSession mine = McpHttpSession.open(api);
        McpHttpSession theirs = McpHttpSession.open(other);

        assertThat(mine.request("resources/list", Json.object()).toString()).contains("agentplane://workflows/" + workflow);
        assertThat(theirs.request("resources/list", Json.object()).toString()).doesNotContain(workflow)
                .contains("agentplane://templates/");
        JsonNode unreadable = theirs.request("resources/read", Json.object().put("uri", "agentplane://workflows/" + workflow));
        assertThat(unreadable.at("/error/code").asInt()).isEqualTo(-32002);
        assertThat(unreadable.at("/error/message").asText()).contains(workflow);

        String escalation = mine.call("escalate", "{\"reason\": \"mine only\"}").at("/structuredContent/id").asText();
        JsonNode hidden = theirs.call("escalation_get", "{\"escalation_id\": \"" + escalation + "\"}");
        assertThat(hidden.get("isError").asBoolean()).isTrue();
        assertThat(hidden.at("/structuredContent/status").asInt()).isEqualTo(404);
    }

    @ApiTest
    void an_agent_key_acts_only_as_its_own_agent_and_may_not_register_agents(Api api) {
        String self = api.post("/v1/agents", "{\"name\": \"mcp-self-" + Api.unique() + "\"}").expect(201).id();
        String other = api.post("/v1/agents", "{\"name\": \"mcp-other-" + Api.unique() + "\"}").expect(201).id();
        Api agent = api.as(api.post("/v1/keys", "{\"name\": \"a\", \"role\": \"agent\", \"agent_id\": \"" + self + "\"}")
                .expect(201).body().get("key").asText());
        McpHttpSession session = McpHttpSession.open(agent);

        JsonNode impersonating = session.call("handoff_create",
                "{\"from_agent_id\": \"" + other + "\", \"to_agent_id\": \"" + self + "\"}");
        assertThat(impersonating.get("isError").asBoolean()).isTrue();
        assertThat(impersonating.at("/structuredContent/status").asInt()).isEqualTo(403);

        JsonNode registering = session.call("agent_register", "{\"name\": \"sneaky\"}");
        assertThat(registering.get("isError").asBoolean()).isTrue();
        assertThat(registering.at("/content/0/text").asText())
                .contains("role 'agent' may not call createAgent", "[admin, developer]");

        assertThat(session.call("handoff_create", "{\"from_agent_id\": \"" + self + "\", \"to_agent_id\": \"" + other + "\"}")
                .get("isError").asBoolean()).isFalse();
    }

    @ApiTest
    void bad_arguments_are_a_tool_error_naming_each_field_and_its_fix(Api api) {
        McpHttpSession session = McpHttpSession.open(api);

        JsonNode result = session.call("task_claim", "{\"wait_seconds\": 99, \"lease_seconds\": 5, \"capabilities\": []}");

        assertThat(result.get("isError").asBoolean()).isTrue();
        assertThat(result.at("/structuredContent/status").asInt()).isEqualTo(400);
        assertThat(result.at("/structuredContent/errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("wait_seconds", "lease_seconds", "capabilities");
        assertThat(result.at("/content/0/text").asText()).contains("- wait_seconds: ", "Fix: wait at most 30 s");

        JsonNode wrongType = session.call("state_set", "{\"namespace\": \"n\", \"key\": \"k\", \"value\": 1, \"ttl_seconds\": \"soon\"}");
        assertThat(wrongType.at("/content/0/text").asText()).contains("ttl_seconds", "Fix:");
        JsonNode both = session.call("state_set", "{\"namespace\": \"n\", \"key\": \"k\", \"value\": 1, \"if_version\": 2, \"create_only\": true}");
        assertThat(both.at("/content/0/text").asText()).contains("create_only: cannot be combined with if_version");

        JsonNode longKey = session.call("execution_start", "{\"workflow\": \"w\", \"idempotency_key\": \"" + "k".repeat(201) + "\"}");
        assertThat(longKey.at("/content/0/text").asText()).contains("- idempotency_key: must be 1 to 200 characters");

        JsonNode unknownTool = session.request("tools/call", Json.object().put("name", "drop_database"));
        assertThat(unknownTool.at("/error/code").asInt()).isEqualTo(-32602);
    }

    @ApiTest
    void every_message_counts_against_the_keys_rate_limit(Api api) {
        Api limited = api.as(api.post("/v1/keys", "{\"name\": \"slow-mcp\", \"role\": \"developer\", \"rate_limit_per_minute\": 3}")
                .expect(201).body().get("key").asText());
        McpHttpSession session = McpHttpSession.open(limited); // initialize and notifications/initialized: 2 requests

        session.request("tools/list", Json.object());
        ApiResponse refused = session.send("{\"jsonrpc\": \"2.0\", \"id\": 9, \"method\": \"tools/list\"}");

        refused.expectProblem(429, null);
        assertThat(refused.header("Retry-After")).isNotBlank();
    }
}
