package dev.agentplane.server.escalations;

import static dev.agentplane.server.executions.ExecutionFixtures.start;
import static dev.agentplane.server.executions.ExecutionFixtures.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.common.JsonLimits;
import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiResponse;
import dev.agentplane.server.testing.ApiTest;
import java.time.Duration;
import java.util.List;

class EscalationApiTest {
    private static final String NO_SUCH_ID = "01933b9a-0000-7000-8000-000000000000";

    private static String open(Api api) {
        return api.post("/v1/escalations", "{\"reason\": \"refund above the limit\"}").expect(201).id();
    }

    private static String hugeJson() {
        return "{\"blob\": \"" + "x".repeat(JsonLimits.MAX_VALUE_BYTES) + "\"}";
    }

    @ApiTest
    void opens_an_escalation_and_reads_it_back(Api api) {
        String agent = api.post("/v1/agents", "{\"name\": \"refunder-" + Api.unique() + "\"}").expect(201).id();
        String execution = start(api, workflow(api));

        ApiResponse created = api.post("/v1/escalations", Json.object().put("reason", "refund of 900 EUR")
                .put("priority", "urgent").put("assigned_to", "alice").put("execution_id", execution)
                .put("agent_id", agent).set("context", Json.object().put("order", "A-17"))).expect(201);
        JsonNode escalation = created.body();

        assertThat(created.header("Location")).isEqualTo("/v1/escalations/" + created.id());
        assertThat(escalation.get("status").asText()).isEqualTo("open");
        assertThat(escalation.get("priority").asText()).isEqualTo("urgent");
        assertThat(escalation.at("/context/order").asText()).isEqualTo("A-17");
        assertThat(escalation.get("agent_id").asText()).isEqualTo(agent);
        assertThat(escalation.get("resolution").isNull()).isTrue();
        assertThat(api.get("/v1/escalations/" + created.id()).expect(200).body()).isEqualTo(escalation);
        assertThat(api.get("/v1/escalations/" + open(api)).expect(200).body().get("priority").asText()).isEqualTo("medium");
    }

    @ApiTest
    void create_validates_its_body_and_references(Api api) {
        String assignee = "nobody-" + Api.unique();

        api.post("/v1/escalations", null).expectProblem(400, "");
        api.post("/v1/escalations", "{}").expectProblem(400, "/reason");
        api.post("/v1/escalations", "{\"reason\": \"\"}").expectProblem(400, "/reason");
        api.post("/v1/escalations", "{\"reason\": \"x\", \"priority\": \"critical\"}").expectProblem(400, "/priority");
        api.post("/v1/escalations", "{\"reason\": \"x\", \"context\": [1]}").expectProblem(400, "/context");
        api.post("/v1/escalations", "{\"reason\": \"x\", \"agent_id\": \"bob\"}").expectProblem(400, "/agent_id");
        api.post("/v1/escalations", "{\"reason\": \"x\", \"severity\": 1}").expectProblem(400, "/severity");
        api.post("/v1/escalations", Json.object().put("reason", "x").put("assigned_to", assignee).put("agent_id", NO_SUCH_ID))
                .expectProblem(404, "/agent_id");
        api.post("/v1/escalations", Json.object().put("reason", "x").put("assigned_to", assignee).put("execution_id", NO_SUCH_ID))
                .expectProblem(404, "/execution_id");
        JsonNode tooLarge = api.post("/v1/escalations", "{\"reason\": \"x\", \"assigned_to\": \"" + assignee
                + "\", \"context\": " + hugeJson() + "}").expectProblem(413, null).body();
        assertThat(tooLarge.get("limit_bytes").asInt()).isEqualTo(JsonLimits.MAX_VALUE_BYTES);
        assertThat(api.listAll("/v1/escalations?assigned_to=" + assignee)).isEmpty();
    }

    @ApiTest
    void claims_then_resolves_with_a_decision(Api api) {
        String id = open(api);
        String claimant = "bob-" + Api.unique();
        api.clock().advance(Duration.ofMinutes(3));

        JsonNode claimed = api.post("/v1/escalations/" + id + "/claim", Json.object().put("assigned_to", claimant))
                .expect(200).body();
        JsonNode resolved = api.post("/v1/escalations/" + id + "/resolve",
                "{\"resolution\": {\"approved\": true}, \"resolved_by\": \"" + claimant + "\"}").expect(200).body();

        assertThat(claimed.get("status").asText()).isEqualTo("in_progress");
        assertThat(claimed.get("assigned_to").asText()).isEqualTo(claimant);
        assertThat(resolved.get("status").asText()).isEqualTo("resolved");
        assertThat(resolved.at("/resolution/approved").asBoolean()).isTrue();
        assertThat(resolved.get("resolved_by").asText()).isEqualTo(claimant);
        assertThat(resolved.get("resolved_at").asText()).isEqualTo(api.clock().instant().toString());
        assertThat(api.get("/v1/escalations/" + id).expect(200).body()).isEqualTo(resolved);
    }

    @ApiTest
    void claim_and_resolve_default_to_the_calling_key(Api api) {
        JsonNode created = api.post("/v1/keys", "{\"name\": \"human\", \"role\": \"developer\"}").expect(201).body();
        String key = created.get("key").asText();
        String keyId = created.get("id").asText();
        String id = open(api);

        JsonNode claimed = api.as(key).post("/v1/escalations/" + id + "/claim", null).expect(200).body();
        JsonNode resolved = api.as(key).post("/v1/escalations/" + id + "/resolve", "{\"resolution\": \"approved\"}")
                .expect(200).body();

        assertThat(claimed.get("assigned_to").asText()).isEqualTo(keyId);
        assertThat(resolved.get("resolved_by").asText()).isEqualTo(keyId);
        assertThat(resolved.get("resolution").asText()).isEqualTo("approved");
    }

    @ApiTest
    void resolve_needs_a_resolution(Api api) {
        String id = open(api);

        api.post("/v1/escalations/" + id + "/resolve", null).expectProblem(400, "");
        api.post("/v1/escalations/" + id + "/resolve", "{\"resolved_by\": \"x\"}").expectProblem(400, "/resolution");
        api.post("/v1/escalations/" + id + "/resolve", "{\"resolution\": null}").expectProblem(400, "/resolution");
        api.post("/v1/escalations/" + id + "/resolve", "{\"resolution\": " + hugeJson() + "}").expectProblem(413, null);
        assertThat(api.get("/v1/escalations/" + id).expect(200).body().get("status").asText()).isEqualTo("open");
    }

    @ApiTest
    void dismisses_with_or_without_a_reason(Api api) {
        String withReason = open(api);
        String without = open(api);

        JsonNode dismissed = api.post("/v1/escalations/" + withReason + "/dismiss", "{\"reason\": \"duplicate\"}")
                .expect(200).body();
        JsonNode quietly = api.post("/v1/escalations/" + without + "/dismiss", null).expect(200).body();

        assertThat(dismissed.get("status").asText()).isEqualTo("dismissed");
        assertThat(dismissed.get("dismiss_reason").asText()).isEqualTo("duplicate");
        assertThat(quietly.get("dismiss_reason").isNull()).isTrue();
        api.post("/v1/escalations/" + open(api) + "/dismiss", "{\"why\": \"x\"}").expectProblem(400, "/why");
    }

    @ApiTest
    void illegal_transitions_are_409_with_the_current_status(Api api) {
        String claimed = open(api);
        api.post("/v1/escalations/" + claimed + "/claim", null).expect(200);
        String resolved = open(api);
        api.post("/v1/escalations/" + resolved + "/resolve", "{\"resolution\": 1}").expect(200);
        String dismissed = open(api);
        api.post("/v1/escalations/" + dismissed + "/dismiss", null).expect(200);

        assertConflict(api.post("/v1/escalations/" + claimed + "/claim", null), "in_progress");
        assertConflict(api.post("/v1/escalations/" + resolved + "/claim", null), "resolved");
        assertConflict(api.post("/v1/escalations/" + resolved + "/resolve", "{\"resolution\": 2}"), "resolved");
        assertConflict(api.post("/v1/escalations/" + resolved + "/dismiss", null), "resolved");
        assertConflict(api.post("/v1/escalations/" + dismissed + "/resolve", "{\"resolution\": 2}"), "dismissed");
        assertConflict(api.post("/v1/escalations/" + dismissed + "/dismiss", null), "dismissed");
    }

    private static void assertConflict(ApiResponse response, String currentStatus) {
        assertThat(response.expectProblem(409, null).body().get("current_status").asText()).isEqualTo(currentStatus);
    }

    @ApiTest
    void unknown_and_malformed_escalation_ids_are_404_and_400(Api api) {
        api.get("/v1/escalations/" + NO_SUCH_ID).expectProblem(404, null);
        api.post("/v1/escalations/" + NO_SUCH_ID + "/claim", null).expectProblem(404, null);
        api.post("/v1/escalations/" + NO_SUCH_ID + "/resolve", "{\"resolution\": 1}").expectProblem(404, null);
        api.post("/v1/escalations/" + NO_SUCH_ID + "/dismiss", null).expectProblem(404, null);
        api.get("/v1/escalations/nope").expectProblem(400, "escalation_id");
        api.post("/v1/escalations/nope/claim", null).expectProblem(400, "escalation_id");
        api.post("/v1/escalations/nope/resolve", "{\"resolution\": 1}").expectProblem(400, "escalation_id");
        api.post("/v1/escalations/nope/dismiss", null).expectProblem(400, "escalation_id");
    }

    @ApiTest
    void lists_with_filters_newest_first(Api api) {
        String alice = "alice-" + Api.unique();
        String low = api.post("/v1/escalations", Json.object().put("reason", "a").put("priority", "low")
                .put("assigned_to", alice)).expect(201).id();
        String urgent = api.post("/v1/escalations", Json.object().put("reason", "b").put("priority", "urgent")
                .put("assigned_to", alice)).expect(201).id();
        String high = api.post("/v1/escalations", Json.object().put("reason", "c").put("priority", "high")
                .put("assigned_to", alice)).expect(201).id();
        api.post("/v1/escalations/" + urgent + "/claim", Json.object().put("assigned_to", alice)).expect(200);

        assertThat(ids(api.listAll("/v1/escalations?limit=2&assigned_to=" + alice))).containsExactly(high, urgent, low);
        assertThat(ids(api.listAll("/v1/escalations?status=open&assigned_to=" + alice))).containsExactly(high, low);
        assertThat(ids(api.listAll("/v1/escalations?status=in_progress&priority=urgent&assigned_to=" + alice)))
                .containsExactly(urgent);
        api.get("/v1/escalations?status=closed").expectProblem(400, "status");
        api.get("/v1/escalations?priority=critical").expectProblem(400, "priority");
        api.get("/v1/escalations?assignee=bob").expectProblem(400, "assignee");
        api.get("/v1/escalations?cursor=bogus").expectProblem(400, "cursor");
    }

    @ApiTest
    void a_viewer_may_read_but_not_escalate(Api api) {
        Api viewer = api.as(api.newKey("viewer"));
        String id = open(api);

        viewer.get("/v1/escalations/" + id).expect(200);
        viewer.post("/v1/escalations", "{\"reason\": \"x\"}").expectProblem(403, null);
        viewer.post("/v1/escalations/" + id + "/resolve", "{\"resolution\": 1}").expectProblem(403, null);
        api.as(null).get("/v1/escalations").expectProblem(401, null);
    }

    private static List<String> ids(List<JsonNode> items) {
        return items.stream().map(item -> item.get("id").asText()).toList();
    }
}
