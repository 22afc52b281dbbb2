package dev.agentplane.server.events;

import static dev.agentplane.server.executions.ExecutionFixtures.start;
import static dev.agentplane.server.executions.ExecutionFixtures.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.common.JsonLimits;
import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiTest;
import java.time.Duration;
import java.util.List;

class EventApiTest {
    private static final String NO_SUCH_ID = "01933b9a-0000-7000-8000-000000000000";

    @ApiTest
    void records_progress_events_and_lists_them_oldest_first(Api api) {
        String id = start(api, workflow(api));

        JsonNode first = api.post("/v1/executions/" + id + "/events",
                "{\"type\": \"step.started\", \"message\": \"reading\", \"data\": {\"page\": 1}}").expect(201).body();
        api.post("/v1/executions/" + id + "/events", "{\"type\": \"llm.call\", \"tokens_in\": 40, \"tokens_out\": 8, \"cost_usd\": 0.01}")
                .expect(201);
        api.post("/v1/events", Json.object().put("execution_id", id).put("type", "custom.metric").put("tokens_in", 2))
                .expect(201);

        List<JsonNode> events = api.listAll("/v1/executions/" + id + "/events?limit=2");
        assertThat(first.get("execution_id").asText()).isEqualTo(id);
        assertThat(first.at("/data/page").asInt()).isEqualTo(1);
        assertThat(first.get("tokens_in").isNull()).isTrue();
        assertThat(events).extracting(e -> e.get("type").asText()).containsExactly("execution.started", "step.started", "llm.call",
                "custom.metric");
        JsonNode execution = api.get("/v1/executions/" + id).expect(200).body();
        assertThat(execution.get("tokens_in").asLong()).isEqualTo(42);
        assertThat(execution.get("tokens_out").asLong()).isEqualTo(8);
    }

    @ApiTest
    void events_need_an_existing_execution_of_the_org(Api api) {
        api.post("/v1/events", "{\"execution_id\": \"" + NO_SUCH_ID + "\", \"type\": \"x\"}").expectProblem(404, "/execution_id");
        api.post("/v1/executions/" + NO_SUCH_ID + "/events", "{\"type\": \"x\"}").expectProblem(404, null);
        api.get("/v1/executions/" + NO_SUCH_ID + "/events").expectProblem(404, null);
        api.post("/v1/executions/nope/events", "{\"type\": \"x\"}").expectProblem(400, "execution_id");
        api.get("/v1/executions/nope/events").expectProblem(400, "execution_id");
    }

    @ApiTest
    void invalid_events_are_refused_by_pointer(Api api) {
        String id = start(api, workflow(api));

        api.post("/v1/events", "{\"type\": \"x\"}").expectProblem(400, "/execution_id");
        api.post("/v1/events", "{\"execution_id\": \"" + id + "\", \"type\": \"Not Valid\"}").expectProblem(400, "/type");
        api.post("/v1/executions/" + id + "/events", "{\"type\": \"x\", \"tokens_in\": -3}").expectProblem(400, "/tokens_in");
        api.post("/v1/executions/" + id + "/events", "{\"type\": \"x\", \"level\": \"info\"}").expectProblem(400, "/level");
        String huge = "{\"type\": \"x\", \"data\": \"" + "x".repeat(JsonLimits.MAX_VALUE_BYTES) + "\"}";
        api.post("/v1/executions/" + id + "/events", huge).expectProblem(413, null);
        api.post("/v1/events", "{\"execution_id\": \"" + id + "\", " + huge.substring(1)).expectProblem(413, null);
        assertThat(api.listAll("/v1/executions/" + id + "/events")).extracting(e -> e.get("type").asText())
                .containsExactly("execution.started");
    }

    @ApiTest
    void usage_beyond_the_caps_is_refused_by_pointer_so_totals_cannot_overflow(Api api) {
        String id = start(api, workflow(api));
        String events = "/v1/executions/" + id + "/events";

        api.post(events, "{\"type\": \"llm.call\", \"tokens_in\": 1000000000000, \"tokens_out\": 1000000000000,"
                + " \"cost_usd\": 1000000000}").expect(201);
        api.post(events, "{\"type\": \"llm.call\", \"tokens_in\": 9223372036854775807}").expectProblem(400, "/tokens_in");
        api.post(events, "{\"type\": \"llm.call\", \"tokens_out\": 1000000000001}").expectProblem(400, "/tokens_out");
        api.post(events, "{\"type\": \"llm.call\", \"cost_usd\": 1e308}").expectProblem(400, "/cost_usd");
        api.post("/v1/events", Json.object().put("execution_id", id).put("type", "x").put("tokens_in", 5_000_000_000_000_000_000L))
                .expectProblem(400, "/tokens_in");

        JsonNode execution = api.get("/v1/executions/" + id).expect(200).body();
        assertThat(execution.get("tokens_in").asLong()).isEqualTo(1_000_000_000_000L);
        assertThat(execution.get("cost_usd").asDouble()).isEqualTo(1e9);
    }

    @ApiTest
    void observe_returns_trails_and_stats_over_every_matching_execution(Api api) {
        String name = workflow(api);
        String ok = start(api, name);
        String bad = start(api, name);
        String running = start(api, name);
        api.post("/v1/executions/" + ok + "/events", "{\"type\": \"step.done\", \"message\": \"one\"}").expect(201);
        api.post("/v1/executions/" + ok + "/events", "{\"type\": \"step.done\", \"message\": \"two\"}").expect(201);
        api.clock().advance(Duration.ofMillis(400));
        api.post("/v1/executions/" + ok + "/complete", "{\"tokens_in\": 10, \"tokens_out\": 4, \"cost_usd\": 0.5}").expect(200);
        api.clock().advance(Duration.ofMillis(200));
        api.post("/v1/executions/" + bad + "/fail", "{\"error\": \"boom\", \"cost_usd\": 0.25}").expect(200);

        JsonNode page = api.get("/v1/observe?limit=2&workflow=" + name).expect(200).body();

        assertThat(page.get("items")).extracting(e -> e.get("id").asText()).containsExactly(running, bad);
        JsonNode stats = page.get("stats");
        assertThat(stats.get("total").asInt()).isEqualTo(3);
        assertThat(stats.get("by_status")).isEqualTo(Json.MAPPER.valueToTree(java.util.Map.of("running", 1, "completed", 1, "failed", 1, "paused", 0, "cancelled", 0)));
        assertThat(stats.get("error_rate").asDouble()).isEqualTo(0.5);
        assertThat(stats.get("avg_duration_ms").asDouble()).isCloseTo(500.0, within(1e-6));
        assertThat(stats.get("tokens_in").asLong()).isEqualTo(10);
        assertThat(stats.get("cost_usd").asDouble()).isCloseTo(0.75, within(1e-9));

        JsonNode next = api.get("/v1/observe?limit=2&workflow=" + name + "&cursor=" + page.get("next_cursor").asText())
                .expect(200).body();
        assertThat(next.at("/items/0/id").asText()).isEqualTo(ok);
        assertThat(next.at("/items/0/events")).filteredOn(e -> e.hasNonNull("message"))
                .extracting(e -> e.get("message").asText()).containsExactly("one", "two");
        assertThat(next.get("next_cursor").isNull()).isTrue();
    }

    @ApiTest
    void observe_filters_like_the_execution_list(Api api) {
        String name = workflow(api);
        String failed = start(api, name);
        start(api, name);
        api.post("/v1/executions/" + failed + "/fail", "{\"error\": \"x\"}").expect(200);

        JsonNode onlyFailed = api.get("/v1/observe?status=failed&workflow=" + name).expect(200).body();
        JsonNode nothing = api.get("/v1/observe?workflow=" + name + "&from=" + api.clock().instant().plusSeconds(60)).expect(200).body();

        assertThat(onlyFailed.get("items")).extracting(e -> e.get("id").asText()).containsExactly(failed);
        assertThat(onlyFailed.at("/stats/error_rate").asDouble()).isEqualTo(1.0);
        assertThat(nothing.get("items")).isEmpty();
        assertThat(nothing.at("/stats/total").asInt()).isZero();
        assertThat(nothing.at("/stats/avg_duration_ms").isNull()).isTrue();
        api.get("/v1/observe?status=sleeping").expectProblem(400, "status");
        api.get("/v1/observe?agent_id=x").expectProblem(400, "agent_id");
        api.get("/v1/observe?to=soon").expectProblem(400, "to");
    }
}
