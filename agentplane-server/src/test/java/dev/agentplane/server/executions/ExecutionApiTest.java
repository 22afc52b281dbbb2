package dev.agentplane.server.executions;

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
import java.time.Instant;
import java.util.List;

class ExecutionApiTest {
    private static final String NO_SUCH_ID = "01933b9a-0000-7000-8000-000000000000";

    private static String hugeJson() {
        return "{\"blob\": \"" + "x".repeat(JsonLimits.MAX_VALUE_BYTES) + "\"}";
    }

    @ApiTest
    void starts_an_execution_of_the_latest_active_version(Api api) {
        String name = workflow(api);
        api.send("POST", "/v1/workflows", "name: " + name + "\nsteps: [{id: b, type: sleep, duration: 1h}]\n", "application/yaml").expect(201);

        ApiResponse started = api.post("/v1/executions", "{\"workflow\": \"" + name + "\", \"input\": {\"invoice\": 7}}")
                .expect(201);
        JsonNode execution = started.body();

        assertThat(started.header("Location")).isEqualTo("/v1/executions/" + started.id());
        assertThat(execution.get("workflow_version").asInt()).isEqualTo(2);
        assertThat(execution.get("status").asText()).isEqualTo("running");
        assertThat(execution.at("/input/invoice").asInt()).isEqualTo(7);
        assertThat(execution.get("duration_ms").isNull()).isTrue();
        assertThat(api.get("/v1/executions/" + started.id()).expect(200).body()).isEqualTo(execution);
    }

    @ApiTest
    void start_pins_a_given_version_and_refuses_an_inactive_one(Api api) {
        String name = workflow(api);
        workflow(api);
        api.send("POST", "/v1/workflows", "name: " + name + "\nsteps: [{id: b, type: sleep, duration: 1h}]\n", "application/yaml").expect(201);
        api.post("/v1/workflows/" + name + "/versions/2/deactivate", null).expect(200);

        JsonNode pinned = api.post("/v1/executions", "{\"workflow\": \"" + name + "\", \"version\": 1}").expect(201).body();
        JsonNode problem = api.post("/v1/executions", "{\"workflow\": \"" + name + "\", \"version\": 2}")
                .expectProblem(409, null).body();

        assertThat(pinned.get("workflow_version").asInt()).isEqualTo(1);
        assertThat(problem.get("detail").asText()).contains("version 2", "inactive");
        api.post("/v1/executions", "{\"workflow\": \"" + name + "\", \"version\": 5}").expectProblem(404, null);
        assertThat(api.post("/v1/executions", "{\"workflow\": \"ghost-" + Api.unique() + "\"}").expectProblem(404, null)
                .body().get("detail").asText()).contains("ghost-");
    }

    @ApiTest
    void start_validates_its_body(Api api) {
        String name = workflow(api);

        api.post("/v1/executions", "{}").expectProblem(400, "/workflow");
        api.post("/v1/executions", "{\"workflow\": \"" + name + "\", \"priority\": 1}").expectProblem(400, "/priority");
        api.post("/v1/executions", "{\"workflow\": \"" + name + "\", \"version\": \"one\"}").expectProblem(400, "/version");
        api.post("/v1/executions", "{\"workflow\": \"" + name + "\", \"agent_id\": \"agent-7\"}").expectProblem(400, "/agent_id");
        api.post("/v1/executions", "{\"workflow\": \"" + name + "\", \"agent_id\": \"" + NO_SUCH_ID + "\"}")
                .expectProblem(404, "/agent_id");
        JsonNode tooLarge = api.post("/v1/executions", "{\"workflow\": \"" + name + "\", \"input\": " + hugeJson() + "}")
                .expectProblem(413, null).body();
        assertThat(tooLarge.get("limit_bytes").asInt()).isEqualTo(JsonLimits.MAX_VALUE_BYTES);
        assertThat(api.listAll("/v1/executions?workflow=" + name)).isEmpty();
    }

    @ApiTest
    void completes_a_running_execution_once(Api api) {
        String id = start(api, workflow(api));
        api.clock().advance(Duration.ofMillis(250));

        JsonNode done = api.post("/v1/executions/" + id + "/complete",
                "{\"output\": {\"paid\": true}, \"tokens_in\": 120, \"tokens_out\": 30, \"cost_usd\": 0.42}").expect(200).body();

        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.at("/output/paid").asBoolean()).isTrue();
        assertThat(done.get("duration_ms").asLong()).isEqualTo(250);
        assertThat(done.get("tokens_in").asLong()).isEqualTo(120);
        assertThat(done.get("cost_usd").asDouble()).isEqualTo(0.42);
        JsonNode again = api.post("/v1/executions/" + id + "/complete", null).expectProblem(409, null).body();
        assertThat(again.get("current_status").asText()).isEqualTo("completed");
        api.post("/v1/executions/" + id + "/fail", "{\"error\": \"late\"}").expectProblem(409, null);
    }

    @ApiTest
    void complete_takes_no_body_or_a_valid_one(Api api) {
        String name = workflow(api);

        api.post("/v1/executions/" + start(api, name) + "/complete", null).expect(200);
        String id = start(api, name);
        api.post("/v1/executions/" + id + "/complete", "{\"tokens_in\": -1}").expectProblem(400, "/tokens_in");
        api.post("/v1/executions/" + id + "/complete", "{\"tokens_out\": 1000000000001}").expectProblem(400, "/tokens_out");
        api.post("/v1/executions/" + id + "/complete", "{\"result\": 1}").expectProblem(400, "/result");
        api.post("/v1/executions/" + id + "/complete", "{\"output\": " + hugeJson() + "}").expectProblem(413, null);
        api.post("/v1/executions/" + NO_SUCH_ID + "/complete", null).expectProblem(404, null);
        api.post("/v1/executions/nope/complete", null).expectProblem(400, "execution_id");
        assertThat(api.get("/v1/executions/" + id).expect(200).body().get("status").asText()).isEqualTo("running");
    }

    @ApiTest
    void fails_a_running_execution_with_its_error(Api api) {
        String id = start(api, workflow(api));

        JsonNode failed = api.post("/v1/executions/" + id + "/fail",
                "{\"error\": \"OCR timed out\", \"output\": {\"pages\": 2}, \"tokens_out\": 9}").expect(200).body();

        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("error").asText()).isEqualTo("OCR timed out");
        assertThat(failed.get("tokens_out").asLong()).isEqualTo(9);
        assertThat(api.post("/v1/executions/" + id + "/fail", "{\"error\": \"again\"}").expectProblem(409, null)
                .body().get("current_status").asText()).isEqualTo("failed");
    }

    @ApiTest
    void fail_validates_its_body(Api api) {
        String id = start(api, workflow(api));

        api.post("/v1/executions/" + id + "/fail", null).expectProblem(400, "");
        api.post("/v1/executions/" + id + "/fail", "{\"error\": \"\"}").expectProblem(400, "/error");
        api.post("/v1/executions/" + id + "/fail", "{\"error\": \"x\", \"cost_usd\": -2}").expectProblem(400, "/cost_usd");
        api.post("/v1/executions/" + id + "/fail", "{\"error\": \"x\", \"cost_usd\": 1e12}").expectProblem(400, "/cost_usd");
        api.post("/v1/executions/" + id + "/fail", "{\"error\": \"x\", \"output\": " + hugeJson() + "}").expectProblem(413, null);
        api.post("/v1/executions/" + NO_SUCH_ID + "/fail", "{\"error\": \"x\"}").expectProblem(404, null);
        api.post("/v1/executions/42/fail", "{\"error\": \"x\"}").expectProblem(400, "execution_id");
    }

    @ApiTest
    void lists_with_filters_newest_first(Api api) {
        String name = workflow(api);
        String agent = api.post("/v1/agents", "{\"name\": \"worker-" + Api.unique() + "\"}").expect(201).id();
        Instant before = api.clock().instant();
        String first = start(api, name);
        api.clock().advance(Duration.ofMinutes(1));
        String second = api.post("/v1/executions", Json.object().put("workflow", name).put("agent_id", agent)).expect(201).id();
        api.clock().advance(Duration.ofMinutes(1));
        String third = start(api, name);
        api.post("/v1/executions/" + third + "/fail", "{\"error\": \"x\"}").expect(200);

        assertThat(ids(api.listAll("/v1/executions?limit=2&workflow=" + name))).containsExactly(third, second, first);
        assertThat(ids(api.listAll("/v1/executions?agent_id=" + agent))).containsExactly(second);
        assertThat(ids(api.listAll("/v1/executions?status=failed&workflow=" + name))).containsExactly(third);
        assertThat(ids(api.listAll("/v1/executions?workflow=" + name + "&from=" + before.plus(Duration.ofSeconds(30))
                + "&to=" + before.plus(Duration.ofSeconds(90))))).containsExactly(second);
        api.get("/v1/executions?status=done").expectProblem(400, "status");
        api.get("/v1/executions?from=yesterday").expectProblem(400, "from");
        api.get("/v1/executions?agent_id=bob").expectProblem(400, "agent_id");
        api.get("/v1/executions?limit=0").expectProblem(400, "limit");
    }

    @ApiTest
    void unknown_and_malformed_execution_ids_are_404_and_400(Api api) {
        api.get("/v1/executions/" + NO_SUCH_ID).expectProblem(404, null);
        api.get("/v1/executions/not-an-id").expectProblem(400, "execution_id");
    }

    private static List<String> ids(List<JsonNode> items) {
        return items.stream().map(item -> item.get("id").asText()).toList();
    }
}
