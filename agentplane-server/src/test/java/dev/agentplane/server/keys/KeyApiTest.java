package dev.agentplane.server.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiTest;

class KeyApiTest {

    @ApiTest
    void an_admin_creates_a_key_that_works_and_is_listed_without_its_secret(Api api) {
        JsonNode created = api.post("/v1/keys", "{\"name\": \"ci\", \"role\": \"developer\"}").expect(201).body();
        String key = created.get("key").asText();

        api.as(key).get("/v1/agents").expect(200);
        JsonNode listed = api.listAll("/v1/keys").stream()
                .filter(k -> k.get("id").asText().equals(created.get("id").asText())).findFirst().orElseThrow();
        assertThat(listed.has("key")).isFalse();
        assertThat(key).startsWith(listed.get("prefix").asText());
        assertThat(listed.get("last_used_at").isNull()).isFalse();
    }

    @ApiTest
    void a_key_can_be_bound_to_an_agent(Api api) {
        String agentId = api.post("/v1/agents", "{\"name\": \"bound-" + Api.unique() + "\"}").expect(201).id();

        JsonNode created = api.post("/v1/keys", "{\"name\": \"bot\", \"role\": \"agent\", \"agent_id\": \"" + agentId + "\"}")
                .expect(201).body();

        assertThat(created.get("agent_id").asText()).isEqualTo(agentId);
        api.post("/v1/keys", "{\"name\": \"bot\", \"role\": \"agent\", \"agent_id\": \"01933b9a-0000-7000-8000-000000000000\"}")
                .expectProblem(404, "/agent_id");
    }

    @ApiTest
    void only_admins_manage_keys(Api api) {
        String developer = api.newKey("developer");

        api.as(developer).post("/v1/keys", "{\"name\": \"x\", \"role\": \"admin\"}").expectProblem(403, null);
        api.as(developer).get("/v1/keys").expectProblem(403, null);
    }

    @ApiTest
    void an_unknown_role_is_rejected_by_name(Api api) {
        api.post("/v1/keys", "{\"name\": \"x\", \"role\": \"superuser\"}").expectProblem(400, "/role");
        api.post("/v1/keys", "{\"role\": \"viewer\"}").expectProblem(400, "/name");
    }
}
