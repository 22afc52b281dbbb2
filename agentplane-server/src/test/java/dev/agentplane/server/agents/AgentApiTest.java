package dev.agentplane.server.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiTest;
import java.util.List;

class AgentApiTest {

    private static String register(Api api, String name, String... capabilities) {
        String caps = String.join("\",\"", capabilities);
        return api.post("/v1/agents", """
                {"name": "%s", "framework": "crewai", "description": "test agent",
                 "capabilities": [%s], "config": {"model": "m"}}""".formatted(name,
                capabilities.length == 0 ? "" : "\"" + caps + "\"")).expect(201).id();
    }

    @ApiTest
    void registers_an_agent_and_returns_it_with_its_location(Api api) {
        String name = "reader-" + Api.unique();
        var response = api.post("/v1/agents", "{\"name\": \"" + name + "\", \"capabilities\": [\"ocr\"]}").expect(201);

        assertThat(response.header("Location")).isEqualTo("/v1/agents/" + response.id());
        JsonNode agent = api.get("/v1/agents/" + response.id()).expect(200).body();
        assertThat(agent.get("name").asText()).isEqualTo(name);
        assertThat(agent.get("status").asText()).isEqualTo("active");
        assertThat(agent.get("config").isObject()).isTrue();
    }

    @ApiTest
    void a_duplicate_name_is_a_conflict(Api api) {
        String name = "dup-" + Api.unique();
        register(api, name);

        var problem = api.post("/v1/agents", "{\"name\": \"" + name + "\"}").expectProblem(409, null).body();

        assertThat(problem.get("detail").asText()).contains(name);
    }

    @ApiTest
    void lists_filter_by_capability_status_and_framework_across_pages(Api api) {
        String capability = "cap-" + Api.unique();
        for (int i = 0; i < 3; i++) {
            register(api, "lister-" + Api.unique(), capability);
        }
        String gone = register(api, "gone-" + Api.unique(), capability);
        api.post("/v1/agents/" + gone + "/deactivate", null).expect(200);

        List<JsonNode> active = api.listAll("/v1/agents?limit=1&status=active&framework=crewai&capability=" + capability);
        List<JsonNode> inactive = api.listAll("/v1/agents?status=inactive&capability=" + capability);

        assertThat(active).hasSize(3);
        assertThat(inactive).extracting(a -> a.get("id").asText()).containsExactly(gone);
    }

    @ApiTest
    void patch_updates_the_given_fields_and_can_clear_nullable_ones(Api api) {
        String id = register(api, "patchy-" + Api.unique(), "ocr");

        JsonNode updated = api.patch("/v1/agents/" + id, "{\"description\": null, \"capabilities\": [\"ocr\", \"pdf\"]}")
                .expect(200).body();

        assertThat(updated.get("description").isNull()).isTrue();
        assertThat(updated.get("framework").asText()).isEqualTo("crewai");
        assertThat(updated.get("capabilities")).hasSize(2);
    }

    @ApiTest
    void patch_rejects_unknown_fields_and_bad_types_by_pointer(Api api) {
        String id = register(api, "strict-" + Api.unique());

        api.patch("/v1/agents/" + id, "{\"nickname\": \"x\"}").expectProblem(400, "/nickname");
        api.patch("/v1/agents/" + id, "{\"capabilities\": \"ocr\"}").expectProblem(400, "/capabilities");
        api.patch("/v1/agents/" + id, "{\"capabilities\": [\"ocr\", 7]}").expectProblem(400, "/capabilities/1");
    }

    @ApiTest
    void heartbeat_sets_last_seen_and_deactivate_makes_it_inactive(Api api) {
        String id = register(api, "beat-" + Api.unique());

        JsonNode beat = api.post("/v1/agents/" + id + "/heartbeat", null).expect(200).body();
        JsonNode off = api.post("/v1/agents/" + id + "/deactivate", null).expect(200).body();

        assertThat(beat.get("last_seen").isNull()).isFalse();
        assertThat(off.get("status").asText()).isEqualTo("inactive");
    }

    @ApiTest
    void unknown_and_malformed_agent_ids_are_404_and_400(Api api) {
        api.get("/v1/agents/01933b9a-0000-7000-8000-000000000000").expectProblem(404, null);
        api.get("/v1/agents/not-a-uuid").expectProblem(400, "agent_id");
        api.patch("/v1/agents/01933b9a-0000-7000-8000-000000000000", "{}").expectProblem(404, null);
        api.post("/v1/agents/01933b9a-0000-7000-8000-000000000000/heartbeat", null).expectProblem(404, null);
        api.post("/v1/agents/01933b9a-0000-7000-8000-000000000000/deactivate", null).expectProblem(404, null);
    }

    @ApiTest
    void registration_reports_every_invalid_field(Api api) {
        var problem = api.post("/v1/agents", "{\"name\": \"has spaces\", \"config\": [1]}")
                .expectProblem(400, "/name").body();

        assertThat(problem.get("errors")).extracting(e -> e.get("pointer").asText()).contains("/name", "/config");
        api.get("/v1/agents?status=sleeping").expectProblem(400, "status");
    }
}
