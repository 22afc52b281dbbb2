package dev.agentplane.server.handoffs;

import static dev.agentplane.server.executions.ExecutionFixtures.start;
import static dev.agentplane.server.executions.ExecutionFixtures.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import dev.agentplane.common.JsonLimits;
import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiResponse;
import dev.agentplane.server.testing.ApiTest;
import java.time.Duration;
import java.util.List;

class HandoffApiTest {
    private static final String NO_SUCH_ID = "01933b9a-0000-7000-8000-000000000000";

    private static String agent(Api api, String... capabilities) {
        ObjectNode body = Json.object().put("name", "agent-" + Api.unique());
        var list = body.putArray("capabilities");
        for (String capability : capabilities) {
            list.add(capability);
        }
        return api.post("/v1/agents", body).expect(201).id();
    }

    private static ApiResponse handoff(Api api, String from, String to) {
        return api.post("/v1/handoffs", Json.object().put("from_agent_id", from).put("to_agent_id", to));
    }

    private static String toCapability(Api api, String from, String capability) {
        return api.post("/v1/handoffs", Json.object().put("from_agent_id", from).put("to_capability", capability))
                .expect(201).id();
    }

    private static String hugeJson() {
        return "{\"blob\": \"" + "x".repeat(JsonLimits.MAX_VALUE_BYTES) + "\"}";
    }

    @ApiTest
    void creates_a_handoff_and_reads_it_back(Api api) {
        String from = agent(api);
        String to = agent(api);
        String execution = start(api, workflow(api));
        ObjectNode body = Json.object().put("from_agent_id", from).put("to_agent_id", to)
                .put("reason", "needs billing").put("execution_id", execution);
        body.putObject("context").put("ticket", "T-9");

        ApiResponse created = api.post("/v1/handoffs", body).expect(201);
        JsonNode handoff = created.body();

        assertThat(created.header("Location")).isEqualTo("/v1/handoffs/" + created.id());
        assertThat(handoff.get("status").asText()).isEqualTo("pending");
        assertThat(handoff.at("/context/ticket").asText()).isEqualTo("T-9");
        assertThat(handoff.get("execution_id").asText()).isEqualTo(execution);
        assertThat(handoff.get("to_capability").isNull()).isTrue();
        assertThat(api.get("/v1/handoffs/" + created.id()).expect(200).body()).isEqualTo(handoff);
    }

    @ApiTest
    void create_validates_its_body(Api api) {
        String from = agent(api);
        String to = agent(api);

        api.post("/v1/handoffs", null).expectProblem(400, "");
        api.post("/v1/handoffs", "{\"to_capability\": \"ocr\"}").expectProblem(400, "/from_agent_id");
        api.post("/v1/handoffs", Json.object().put("from_agent_id", from)).expectProblem(400, "/to_agent_id");
        api.post("/v1/handoffs", Json.object().put("from_agent_id", from).put("to_agent_id", to).put("to_capability", "ocr"))
                .expectProblem(400, "/to_capability");
        api.post("/v1/handoffs", Json.object().put("from_agent_id", "agent-7").put("to_capability", "ocr"))
                .expectProblem(400, "/from_agent_id");
        api.post("/v1/handoffs", Json.object().put("from_agent_id", from).put("to_capability", "ocr").put("context", "text"))
                .expectProblem(400, "/context");
        api.post("/v1/handoffs", Json.object().put("from_agent_id", from).put("to_capability", "ocr").put("priority", 1))
                .expectProblem(400, "/priority");
        JsonNode tooLarge = api.post("/v1/handoffs", "{\"from_agent_id\": \"" + from
                + "\", \"to_capability\": \"ocr\", \"context\": " + hugeJson() + "}").expectProblem(413, null).body();
        assertThat(tooLarge.get("limit_bytes").asInt()).isEqualTo(JsonLimits.MAX_VALUE_BYTES);
        assertThat(api.listAll("/v1/handoffs?from_agent_id=" + from)).isEmpty();
    }

    @ApiTest
    void create_is_404_naming_an_unknown_agent_or_execution(Api api) {
        String from = agent(api);

        handoff(api, NO_SUCH_ID, from).expectProblem(404, "/from_agent_id");
        handoff(api, from, NO_SUCH_ID).expectProblem(404, "/to_agent_id");
        api.post("/v1/handoffs", Json.object().put("from_agent_id", from).put("to_capability", "ocr")
                .put("execution_id", NO_SUCH_ID)).expectProblem(404, "/execution_id");
        assertThat(api.listAll("/v1/handoffs?from_agent_id=" + from)).isEmpty();
    }

    @ApiTest
    void accepts_then_completes_with_a_result(Api api) {
        String to = agent(api);
        String id = handoff(api, agent(api), to).expect(201).id();
        api.clock().advance(Duration.ofSeconds(5));

        JsonNode accepted = api.post("/v1/handoffs/" + id + "/accept", null).expect(200).body();
        JsonNode completed = api.post("/v1/handoffs/" + id + "/complete", "{\"result\": {\"refunded\": 40}}")
                .expect(200).body();

        assertThat(accepted.get("status").asText()).isEqualTo("accepted");
        assertThat(accepted.get("accepted_by").asText()).isEqualTo(to);
        assertThat(accepted.get("accepted_at").asText()).isEqualTo(api.clock().instant().toString());
        assertThat(completed.get("status").asText()).isEqualTo("completed");
        assertThat(completed.at("/result/refunded").asInt()).isEqualTo(40);
        assertThat(completed.get("completed_at").isNull()).isFalse();
        assertThat(api.get("/v1/handoffs/" + id).expect(200).body()).isEqualTo(completed);
    }

    @ApiTest
    void a_capability_handoff_is_accepted_by_an_agent_with_the_capability(Api api) {
        String reader = agent(api, "ocr");
        String mailer = agent(api, "email");
        String id = toCapability(api, agent(api), "ocr");

        api.post("/v1/handoffs/" + id + "/accept", null).expectProblem(400, "/agent_id");
        api.post("/v1/handoffs/" + id + "/accept", Json.object().put("agent_id", mailer)).expectProblem(400, "/agent_id");
        api.post("/v1/handoffs/" + id + "/accept", Json.object().put("agent_id", NO_SUCH_ID)).expectProblem(404, "/agent_id");
        api.post("/v1/handoffs/" + id + "/accept", Json.object().put("agent_id", "reader")).expectProblem(400, "/agent_id");
        api.post("/v1/handoffs/" + id + "/accept", "{\"agent\": \"x\"}").expectProblem(400, "/agent");

        JsonNode accepted = api.post("/v1/handoffs/" + id + "/accept", Json.object().put("agent_id", reader))
                .expect(200).body();

        assertThat(accepted.get("accepted_by").asText()).isEqualTo(reader);
    }

    @ApiTest
    void a_key_bound_to_an_agent_accepts_as_that_agent(Api api) {
        String reader = agent(api, "ocr");
        String key = api.post("/v1/keys", Json.object().put("name", "reader-key").put("role", "agent").put("agent_id", reader))
                .expect(201).body().get("key").asText();
        String id = toCapability(api, agent(api), "ocr");

        JsonNode accepted = api.as(key).post("/v1/handoffs/" + id + "/accept", null).expect(200).body();

        assertThat(accepted.get("accepted_by").asText()).isEqualTo(reader);
    }

    @ApiTest
    void rejects_with_a_reason(Api api) {
        String id = handoff(api, agent(api), agent(api)).expect(201).id();

        api.post("/v1/handoffs/" + id + "/reject", null).expectProblem(400, "");
        api.post("/v1/handoffs/" + id + "/reject", "{}").expectProblem(400, "/reason");
        api.post("/v1/handoffs/" + id + "/reject", "{\"reason\": \"\"}").expectProblem(400, "/reason");
        JsonNode rejected = api.post("/v1/handoffs/" + id + "/reject", "{\"reason\": \"wrong team\"}").expect(200).body();

        assertThat(rejected.get("status").asText()).isEqualTo("rejected");
        assertThat(rejected.get("rejection_reason").asText()).isEqualTo("wrong team");
    }

    @ApiTest
    void illegal_transitions_are_409_with_the_current_status(Api api) {
        String from = agent(api);
        String to = agent(api);
        String pending = handoff(api, from, to).expect(201).id();
        String rejected = handoff(api, from, to).expect(201).id();
        api.post("/v1/handoffs/" + rejected + "/reject", "{\"reason\": \"no\"}").expect(200);
        String completed = handoff(api, from, to).expect(201).id();
        api.post("/v1/handoffs/" + completed + "/accept", null).expect(200);
        api.post("/v1/handoffs/" + completed + "/complete", null).expect(200);

        assertConflict(api.post("/v1/handoffs/" + pending + "/complete", null), "pending");
        assertConflict(api.post("/v1/handoffs/" + rejected + "/accept", null), "rejected");
        assertConflict(api.post("/v1/handoffs/" + rejected + "/reject", "{\"reason\": \"again\"}"), "rejected");
        assertConflict(api.post("/v1/handoffs/" + completed + "/accept", null), "completed");
        assertConflict(api.post("/v1/handoffs/" + completed + "/complete", "{\"result\": 1}"), "completed");
    }

    private static void assertConflict(ApiResponse response, String currentStatus) {
        assertThat(response.expectProblem(409, null).body().get("current_status").asText()).isEqualTo(currentStatus);
    }

    @ApiTest
    void complete_validates_its_body(Api api) {
        String id = handoff(api, agent(api), agent(api)).expect(201).id();
        api.post("/v1/handoffs/" + id + "/accept", null).expect(200);

        api.post("/v1/handoffs/" + id + "/complete", "{\"output\": 1}").expectProblem(400, "/output");
        api.post("/v1/handoffs/" + id + "/complete", "[1]").expectProblem(400, "");
        api.post("/v1/handoffs/" + id + "/complete", "{\"result\": " + hugeJson() + "}").expectProblem(413, null);
        assertThat(api.get("/v1/handoffs/" + id).expect(200).body().get("status").asText()).isEqualTo("accepted");
    }

    @ApiTest
    void unknown_and_malformed_handoff_ids_are_404_and_400(Api api) {
        api.get("/v1/handoffs/" + NO_SUCH_ID).expectProblem(404, null);
        api.post("/v1/handoffs/" + NO_SUCH_ID + "/accept", null).expectProblem(404, null);
        api.post("/v1/handoffs/" + NO_SUCH_ID + "/reject", "{\"reason\": \"x\"}").expectProblem(404, null);
        api.post("/v1/handoffs/" + NO_SUCH_ID + "/complete", null).expectProblem(404, null);
        api.get("/v1/handoffs/nope").expectProblem(400, "handoff_id");
        api.post("/v1/handoffs/nope/accept", null).expectProblem(400, "handoff_id");
        api.post("/v1/handoffs/nope/reject", "{\"reason\": \"x\"}").expectProblem(400, "handoff_id");
        api.post("/v1/handoffs/nope/complete", null).expectProblem(400, "handoff_id");
    }

    @ApiTest
    void lists_with_filters_newest_first(Api api) {
        String triage = agent(api);
        String billing = agent(api);
        String flow = workflow(api);
        String capability = "cap-" + Api.unique();
        String direct = api.post("/v1/handoffs", Json.object().put("from_agent_id", triage).put("to_agent_id", billing)
                .put("execution_id", start(api, flow))).expect(201).id();
        String byCapability = toCapability(api, triage, capability);
        String other = toCapability(api, triage, "email");
        api.post("/v1/handoffs/" + direct + "/accept", null).expect(200);

        assertThat(ids(api.listAll("/v1/handoffs?limit=2&from_agent_id=" + triage))).containsExactly(other, byCapability, direct);
        assertThat(ids(api.listAll("/v1/handoffs?to_agent_id=" + billing))).containsExactly(direct);
        assertThat(ids(api.listAll("/v1/handoffs?status=pending&from_agent_id=" + triage))).containsExactly(other, byCapability);
        assertThat(ids(api.listAll("/v1/handoffs?workflow=" + flow))).containsExactly(direct);
        assertThat(ids(api.listAll("/v1/handoffs?capability=" + capability))).containsExactly(byCapability);
        api.get("/v1/handoffs?status=done").expectProblem(400, "status");
        api.get("/v1/handoffs?from_agent_id=bob").expectProblem(400, "from_agent_id");
        api.get("/v1/handoffs?to_agent_id=bob").expectProblem(400, "to_agent_id");
        api.get("/v1/handoffs?agent_id=" + triage).expectProblem(400, "agent_id");
        api.get("/v1/handoffs?cursor=bogus").expectProblem(400, "cursor");
        api.get("/v1/handoffs?limit=500").expectProblem(400, "limit");
    }

    @ApiTest
    void a_viewer_may_read_but_not_hand_off(Api api) {
        Api viewer = api.as(api.newKey("viewer"));
        String id = handoff(api, agent(api), agent(api)).expect(201).id();

        viewer.get("/v1/handoffs/" + id).expect(200);
        viewer.post("/v1/handoffs/" + id + "/accept", null).expectProblem(403, null);
        api.as(null).get("/v1/handoffs").expectProblem(401, null);
    }

    private static List<String> ids(List<JsonNode> items) {
        return items.stream().map(item -> item.get("id").asText()).toList();
    }
}
