package dev.agentplane.server.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiTest;
import java.time.Duration;

/** External agents take work from workflow task steps over HTTP. */
class TaskApiTest {

    private record Worker(String agentId, Api api) {}

    private static Worker worker(Api api, String capability) {
        String agentId = api.post("/v1/agents", "{\"name\": \"worker-" + Api.unique() + "\", \"capabilities\": [\"" + capability + "\"]}")
                .expect(201).id();
        String key = api.post("/v1/keys", "{\"name\": \"w\", \"role\": \"agent\", \"agent_id\": \"" + agentId + "\"}")
                .expect(201).body().get("key").asText();
        return new Worker(agentId, api.as(key));
    }

    private static String startTaskWorkflow(Api api, String capability) {
        String name = "tasks-" + Api.unique();
        api.send("POST", "/v1/workflows", "name: " + name + "\nsteps:\n  - {id: work, type: task, capability: " + capability
                + ", input: {page: 3}}\n", "application/yaml").expect(201);
        return api.post("/v1/executions", Json.object().put("workflow", name)).expect(201).id();
    }

    private static JsonNode awaitStatus(Api api, String id, String status) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> api.get("/v1/executions/" + id).expect(200).body(), e -> e.get("status").asText().equals(status));
    }

    @ApiTest
    void an_agent_claims_renews_and_completes_a_task_and_the_workflow_goes_on(Api api) {
        String capability = "ocr-" + Api.unique();
        Worker worker = worker(api, capability);
        String execution = startTaskWorkflow(api, capability);

        JsonNode task = await().atMost(Duration.ofSeconds(20)).until(
                () -> worker.api().post("/v1/tasks/claim", "{\"wait_seconds\": 1, \"lease_seconds\": 60}"), r -> r.status() == 200)
                .body();
        assertThat(task.get("execution_id").asText()).isEqualTo(execution);
        assertThat(task.at("/input/page").asInt()).isEqualTo(3);
        assertThat(task.get("claimed_by").asText()).isEqualTo(worker.agentId());
        worker.api().post("/v1/tasks/claim", "{\"wait_seconds\": 0}").expect(204);
        String id = task.get("id").asText();
        worker.api().post("/v1/tasks/" + id + "/heartbeat", "{\"lease_seconds\": 120}").expect(200);
        assertThat(api.listAll("/v1/tasks?execution_id=" + execution)).extracting(t -> t.get("id").asText()).containsExactly(id);
        assertThat(worker.api().get("/v1/tasks/" + id).expect(200).body().get("status").asText()).isEqualTo("claimed");

        worker.api().post("/v1/tasks/" + id + "/complete", "{\"output\": {\"text\": \"invoice 42\"}}").expect(200);

        JsonNode done = awaitStatus(api, execution, "completed");
        assertThat(done.at("/output/work/text").asText()).isEqualTo("invoice 42");
        worker.api().post("/v1/tasks/" + id + "/complete", "{}").expectProblem(409, null);
    }

    @ApiTest
    void a_failed_task_fails_its_step_and_other_agents_cannot_touch_a_claimed_task(Api api) {
        String capability = "review-" + Api.unique();
        Worker worker = worker(api, capability);
        Worker other = worker(api, capability);
        String execution = startTaskWorkflow(api, capability);
        String id = await().atMost(Duration.ofSeconds(20)).until(
                () -> worker.api().post("/v1/tasks/claim", "{\"wait_seconds\": 1}"), r -> r.status() == 200).id();

        // Another agent does not see a task someone else claimed, let alone complete it.
        other.api().post("/v1/tasks/" + id + "/complete", "{}").expectProblem(404, null);
        other.api().get("/v1/tasks/" + id).expectProblem(404, null);
        worker.api().post("/v1/tasks/" + id + "/fail", "{}").expectProblem(400, "/error");
        worker.api().post("/v1/tasks/" + id + "/heartbeat", "{\"lease_seconds\": 5}").expectProblem(400, "/lease_seconds");
        worker.api().post("/v1/tasks/" + id + "/fail", "{\"error\": \"scan unreadable\", \"retryable\": false}").expect(200);

        JsonNode failed = awaitStatus(api, execution, "failed");
        assertThat(failed.get("error").asText()).isEqualTo("step 'work' failed: scan unreadable");
        api.get("/v1/tasks/01933b9a-0000-7000-8000-000000000000").expectProblem(404, null);
        api.post("/v1/tasks/claim", "{}").expectProblem(400, "/agent_id");
        worker.api().post("/v1/tasks/claim", "{\"capabilities\": [\"flying\"]}").expectProblem(400, "/capabilities");
        worker.api().post("/v1/tasks/claim", "{\"wait_seconds\": 31}").expectProblem(400, "/wait_seconds");
    }
}
