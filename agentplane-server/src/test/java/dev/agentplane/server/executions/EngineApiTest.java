package dev.agentplane.server.executions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiResponse;
import dev.agentplane.server.testing.ApiTest;
import java.time.Duration;

/** Executions the engine runs, over real HTTP against a running server. */
class EngineApiTest {

    private static String workflow(Api api, String yaml) {
        String name = "engine-" + Api.unique();
        api.send("POST", "/v1/workflows", "name: " + name + "\n" + yaml, "application/yaml").expect(201);
        return name;
    }

    private static JsonNode awaitStatus(Api api, String id, String status) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> api.get("/v1/executions/" + id).expect(200).body(), e -> e.get("status").asText().equals(status));
    }

    @ApiTest
    void a_started_execution_runs_to_completion_and_shows_its_trace(Api api) {
        String name = workflow(api, """
                inputs: {n: {type: integer, required: true}}
                outputs: {double: "${{ steps.twice.output.v }}"}
                steps:
                  - {id: echo, type: tool, tool: core.echo, with: {v: "${{ inputs.n }}"}}
                  - {id: twice, type: set, values: {v: "${{ steps.echo.output.v * 2 }}"}}
                """);

        String id = api.post("/v1/executions", Json.object().put("workflow", name).set("input", Json.object().put("n", 21)))
                .expect(201).id();
        JsonNode done = awaitStatus(api, id, "completed");

        assertThat(done.get("output")).isEqualTo(Json.object().put("double", 42));
        JsonNode steps = api.get("/v1/executions/" + id + "/steps").expect(200).body().get("items");
        assertThat(steps).extracting(s -> s.get("step_id").asText() + ":" + s.get("status").asText())
                .containsExactly("echo:completed", "twice:completed");
        assertThat(api.get("/v1/executions/" + id + "/events").expect(200).body().get("items"))
                .extracting(e -> e.get("type").asText()).contains("execution.started", "execution.completed");
    }

    @ApiTest
    void inputs_are_checked_and_an_idempotency_key_starts_once(Api api) {
        String name = workflow(api, "inputs: {n: {type: integer, required: true}}\nsteps: [{id: a, type: sleep, duration: 1h}]\n");

        api.post("/v1/executions", Json.object().put("workflow", name)).expectProblem(400, "/input/n");
        api.post("/v1/executions", Json.object().put("workflow", name).set("input", Json.object().put("n", "x")))
                .expectProblem(400, "/input/n");
        String body = Json.write(Json.object().put("workflow", name).set("input", Json.object().put("n", 1)));
        ApiResponse first = api.post("/v1/executions", body, "Idempotency-Key", "order-" + Api.unique()).expect(201);
        String key = "order-" + Api.unique();
        String created = api.post("/v1/executions", body, "Idempotency-Key", key).expect(201).id();
        ApiResponse repeated = api.post("/v1/executions", body, "Idempotency-Key", key).expect(200);

        assertThat(repeated.id()).isEqualTo(created).isNotEqualTo(first.id());
        assertThat(repeated.header("Location")).isEqualTo("/v1/executions/" + created);
        api.post("/v1/executions", body, "Idempotency-Key", "x".repeat(201)).expectProblem(400, "Idempotency-Key");
    }

    @ApiTest
    void cancel_stops_a_running_execution_once(Api api) {
        String name = workflow(api, "steps: [{id: nap, type: sleep, duration: 1h}, {id: after, type: set, values: {}}]\n");
        String id = api.post("/v1/executions", Json.object().put("workflow", name)).expect(201).id();
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/v1/executions/" + id + "/steps").expect(200).body()
                .at("/items/0/status").asText().equals("pending"));

        JsonNode cancelled = api.post("/v1/executions/" + id + "/cancel", "{\"reason\": \"not needed\"}").expect(200).body();

        assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.get("error").asText()).isEqualTo("not needed");
        assertThat(api.get("/v1/executions/" + id + "/steps").expect(200).body().at("/items/0/status").asText())
                .isEqualTo("cancelled");
        assertThat(api.post("/v1/executions/" + id + "/cancel", null).expectProblem(409, null).body()
                .get("current_status").asText()).isEqualTo("cancelled");
        api.as(api.newKey("viewer")).post("/v1/executions/" + id + "/cancel", null).expectProblem(403, null);
        api.get("/v1/executions/01933b9a-0000-7000-8000-000000000000/steps").expectProblem(404, null);
    }

    @ApiTest
    void a_failing_workflow_fails_with_the_step_and_reason(Api api) {
        String name = workflow(api, "steps: [{id: check, type: fail, message: \"amount ${{ 1 + 1 }} too low\"}]\n");

        String id = api.post("/v1/executions", Json.object().put("workflow", name)).expect(201).id();
        JsonNode failed = awaitStatus(api, id, "failed");

        assertThat(failed.get("error").asText()).isEqualTo("step 'check' failed: amount 2 too low");
    }

    @ApiTest
    void pause_resume_retry_replay_and_the_dead_letter_list(Api api) {
        String sleepy = workflow(api, "steps: [{id: nap, type: sleep, duration: 1h}]\n");
        String id = api.post("/v1/executions", Json.object().put("workflow", sleepy)).expect(201).id();
        assertThat(api.post("/v1/executions/" + id + "/pause", null).expect(200).body().get("status").asText()).isEqualTo("paused");
        api.post("/v1/executions/" + id + "/pause", null).expectProblem(409, null);
        assertThat(api.get("/v1/executions?status=paused").expect(200).body().get("items"))
                .extracting(e -> e.get("id").asText()).contains(id);
        assertThat(api.post("/v1/executions/" + id + "/resume", null).expect(200).body().get("status").asText()).isEqualTo("running");

        String failing = workflow(api, "steps: [{id: check, type: fail, message: nope}]\n");
        String failed = api.post("/v1/executions", Json.object().put("workflow", failing)).expect(201).id();
        awaitStatus(api, failed, "failed");
        JsonNode letters = api.get("/v1/dead-letters").expect(200).body().get("items");
        assertThat(letters).filteredOn(l -> l.at("/execution/id").asText().equals(failed)).singleElement()
                .satisfies(l -> assertThat(l.at("/failed_step/step_id").asText()).isEqualTo("check"));
        ApiResponse replayed = api.post("/v1/executions/" + failed + "/replay", null).expect(201);
        assertThat(replayed.id()).isNotEqualTo(failed);
        assertThat(api.post("/v1/executions/" + failed + "/retry", null).expect(200).body().get("status").asText()).isEqualTo("running");
        awaitStatus(api, failed, "failed");
        api.post("/v1/executions/" + id + "/retry", null).expectProblem(409, null);
        api.as(api.newKey("viewer")).post("/v1/executions/" + id + "/pause", null).expectProblem(403, null);
    }

    @ApiTest
    void a_rollout_splits_starts_and_compare_shows_each_version(Api api) {
        String name = workflow(api, "steps: [{id: a, type: tool, tool: core.echo}]\n");
        api.send("POST", "/v1/workflows", "name: " + name + "\nsteps: [{id: b, type: tool, tool: core.echo}]\n", "application/yaml").expect(201);

        JsonNode rollout = api.put("/v1/workflows/" + name + "/rollout", "{\"versions\": [{\"version\": 1, \"weight\": 0}, {\"version\": 2, \"weight\": 1}]}")
                .expect(200).body();
        assertThat(rollout.get("versions")).hasSize(2);
        assertThat(api.get("/v1/workflows/" + name + "/rollout").expect(200).body().get("versions")).isEqualTo(rollout.get("versions"));
        String id = api.post("/v1/executions", "{\"workflow\": \"" + name + "\", \"routing_key\": \"c-1\"}").expect(201).id();
        assertThat(awaitStatus(api, id, "completed").get("workflow_version").asInt()).isEqualTo(2);
        api.post("/v1/executions", "{\"workflow\": \"" + name + "\", \"version\": 1}").expect(201);

        JsonNode compared = api.get("/v1/workflows/" + name + "/compare").expect(200).body().get("items");
        assertThat(compared).extracting(v -> v.get("version").asInt()).containsExactly(1, 2);
        api.put("/v1/workflows/" + name + "/rollout", "{\"versions\": [{\"version\": 9, \"weight\": 1}]}").expectProblem(400, "/versions/0/version");
        api.delete("/v1/workflows/" + name + "/rollout").expect(204);
        api.get("/v1/workflows/" + name + "/rollout").expectProblem(404, null);
        api.get("/v1/workflows/ghost-" + Api.unique() + "/compare").expectProblem(404, null);
    }
}
