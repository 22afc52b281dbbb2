package dev.agentplane.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiTest;
import java.util.List;

class AuditApiTest {

    @ApiTest
    void a_change_is_audited_with_its_actor_request_id_and_redacted_details(Api api) {
        String agentId = api.post("/v1/agents", "{\"name\": \"audited-" + Api.unique() + "\", \"config\": {\"api_key\": \"sk-live-123\"}}",
                "X-Request-Id", "req-audit-1").expect(201).id();

        List<JsonNode> entries = api.listAll("/v1/audit?resource_type=agent&resource_id=" + agentId);

        assertThat(entries).hasSize(1);
        JsonNode entry = entries.get(0);
        assertThat(entry.get("action").asText()).isEqualTo("agent.create");
        assertThat(entry.get("request_id").asText()).isEqualTo("req-audit-1");
        assertThat(entry.get("actor_key_id").isNull()).isFalse();
        assertThat(entry.get("details").get("config").get("api_key").asText()).isEqualTo("[REDACTED]");
    }

    @ApiTest
    void filters_by_action_actor_and_time(Api api) {
        String agentId = api.post("/v1/agents", "{\"name\": \"timed-" + Api.unique() + "\"}").expect(201).id();
        api.post("/v1/agents/" + agentId + "/heartbeat", null).expect(200);
        String keyId = api.listAll("/v1/audit?action=agent.heartbeat&resource_id=" + agentId).get(0).get("actor_key_id").asText();

        assertThat(api.listAll("/v1/audit?action=agent.heartbeat&actor_key_id=" + keyId + "&resource_id=" + agentId)).hasSize(1);
        assertThat(api.listAll("/v1/audit?resource_id=" + agentId + "&from=2000-01-01T00:00:00Z&to=2001-01-01T00:00:00Z")).isEmpty();
        api.get("/v1/audit?from=yesterday").expectProblem(400, "from");
        api.get("/v1/audit?actor_key_id=123").expectProblem(400, "actor_key_id");
    }

    @ApiTest
    void a_failed_request_leaves_no_audit_row(Api api) {
        String name = "once-" + Api.unique();
        api.post("/v1/agents", "{\"name\": \"" + name + "\"}").expect(201);
        api.post("/v1/agents", "{\"name\": \"" + name + "\"}").expect(409);

        long creates = api.listAll("/v1/audit?action=agent.create").stream()
                .filter(e -> name.equals(e.get("details").path("name").asText())).count();

        assertThat(creates).isEqualTo(1);
    }

    @ApiTest
    void only_admins_and_auditors_read_the_audit_log(Api api) {
        api.as(api.newKey("auditor")).get("/v1/audit").expect(200);
        api.as(api.newKey("developer")).get("/v1/audit").expectProblem(403, null);
    }
}
