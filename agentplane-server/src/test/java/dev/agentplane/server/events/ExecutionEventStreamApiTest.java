package dev.agentplane.server.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiTest;
import dev.agentplane.server.testing.EventStream;
import dev.agentplane.server.testing.EventStream.ServerSentEvent;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;

/** GET /v1/executions/{id}/events with Accept: text/event-stream: every event in seq order, live, resumable. */
class ExecutionEventStreamApiTest {
    private static final String NO_SUCH_ID = "01933b9a-0000-7000-8000-000000000000";

    static String workflow(Api api, String steps) {
        String name = "stream-" + Api.unique();
        api.send("POST", "/v1/workflows", "name: " + name + "\nsteps:\n" + steps, "application/yaml").expect(201);
        return name;
    }

    static String start(Api api, String workflow) {
        return api.post("/v1/executions", Json.object().put("workflow", workflow)).expect(201).id();
    }

    private static String eventsOf(String id) {
        return "/v1/executions/" + id + "/events";
    }

    private static void awaitPendingSleep(Api api, String id) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (JsonNode step : api.get("/v1/executions/" + id + "/steps").expect(200).body().get("items")) {
                if (step.get("step_id").asText().equals("nap") && step.get("status").asText().equals("pending")) {
                    return true;
                }
            }
            return false;
        });
    }

    private static List<Long> seqs(List<ServerSentEvent> events) {
        return events.stream().map(e -> Long.parseLong(e.id())).toList();
    }

    @ApiTest
    void streams_a_running_execution_live_in_seq_order_and_ends_after_its_last_event(Api api) {
        String id = start(api, workflow(api, """
                  - {id: first, type: set, values: {a: 1}}
                  - {id: nap, type: sleep, duration: 1h}
                  - {id: last, type: set, values: {b: 2}}
                """));

        try (EventStream stream = api.events(eventsOf(id))) {
            assertThat(stream.response().header("Content-Type")).startsWith("text/event-stream");
            List<ServerSentEvent> early = stream.next(2);
            assertThat(early).extracting(ServerSentEvent::event).containsExactly("execution.started", "step.completed");
            awaitPendingSleep(api, id);

            api.clock().advance(Duration.ofHours(1));
            List<ServerSentEvent> rest = stream.rest();

            assertThat(rest).extracting(ServerSentEvent::event)
                    .containsExactly("step.completed", "step.completed", "execution.completed");
            assertThat(rest).extracting(e -> e.data().get("data").path("step").asText()).containsExactly("nap", "last", "");
            assertThat(stream.ended()).isTrue();
            List<ServerSentEvent> all = new java.util.ArrayList<>(early);
            all.addAll(rest);
            assertThat(seqs(all)).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(all).allSatisfy(e -> {
                assertThat(e.data().get("seq").asText()).isEqualTo(e.id());
                assertThat(e.data().get("type").asText()).isEqualTo(e.event());
                assertThat(e.data().get("execution_id").asText()).isEqualTo(id);
            });
            assertThat(api.listAll(eventsOf(id))).extracting(e -> e.get("id").asText())
                    .containsExactlyElementsOf(all.stream().map(e -> e.data().get("id").asText()).toList());
        }
    }

    @ApiTest
    void resuming_after_the_last_event_id_gets_exactly_the_rest(Api api) {
        String id = start(api, workflow(api, """
                  - {id: a, type: set, values: {}}
                  - {id: b, type: set, values: {}}
                  - {id: c, type: set, values: {}}
                """));
        List<ServerSentEvent> all;
        try (EventStream stream = api.events(eventsOf(id))) {
            all = stream.rest();
        }
        assertThat(seqs(all)).containsExactly(1L, 2L, 3L, 4L, 5L);

        try (EventStream resumed = api.events(eventsOf(id), "Last-Event-ID", "2")) {
            assertThat(resumed.rest()).containsExactlyElementsOf(all.subList(2, 5));
        }
        try (EventStream resumed = api.events(eventsOf(id) + "?after_seq=3")) {
            assertThat(resumed.rest()).containsExactlyElementsOf(all.subList(3, 5));
        }
        try (EventStream headerWins = api.events(eventsOf(id) + "?after_seq=1", "Last-Event-ID", "4")) {
            assertThat(headerWins.rest()).containsExactly(all.get(4));
        }
        try (EventStream atTheEnd = api.events(eventsOf(id), "Last-Event-ID", "5")) {
            assertThat(atTheEnd.rest()).isEmpty();
            assertThat(atTheEnd.ended()).isTrue();
        }
        // An event recorded after the end is sent to a client that resumes, and the stream ends again.
        api.post(eventsOf(id) + "", "{\"type\": \"review.note\"}").expect(201);
        try (EventStream late = api.events(eventsOf(id), "Last-Event-ID", "5")) {
            assertThat(late.rest()).extracting(ServerSentEvent::event).containsExactly("review.note");
        }
    }

    @ApiTest
    void an_agents_event_appears_live_and_a_cancel_ends_the_stream(Api api) {
        String id = start(api, workflow(api, "  - {id: nap, type: sleep, duration: 1h}\n"));
        String agent = api.post("/v1/agents", "{\"name\": \"reporter-" + Api.unique() + "\"}").expect(201).id();
        Api agentKey = api.as(api.post("/v1/keys", Json.object().put("name", "reporter").put("role", "agent")
                .put("agent_id", agent)).expect(201).body().get("key").asText());

        try (EventStream stream = api.events(eventsOf(id))) {
            assertThat(stream.next().event()).isEqualTo("execution.started");

            agentKey.post(eventsOf(id), "{\"type\": \"llm.call\", \"tokens_in\": 12}").expect(201);
            ServerSentEvent reported = stream.next();
            api.post("/v1/executions/" + id + "/cancel", "{\"reason\": \"enough\"}").expect(200);

            assertThat(reported.event()).isEqualTo("llm.call");
            assertThat(reported.id()).isEqualTo("2");
            assertThat(reported.data().get("agent_id").asText()).isEqualTo(agent);
            assertThat(stream.rest()).extracting(ServerSentEvent::event).containsExactly("execution.cancelled");
        }
    }

    @ApiTest
    void a_paused_execution_keeps_its_stream_open_and_a_retried_one_goes_on(Api api) {
        String napping = start(api, workflow(api, "  - {id: nap, type: sleep, duration: 1h}\n"));
        api.post("/v1/executions/" + napping + "/pause", null).expect(200);
        try (EventStream stream = api.events(eventsOf(napping))) {
            assertThat(stream.next(2)).extracting(ServerSentEvent::event).containsExactly("execution.started", "execution.paused");

            api.post("/v1/executions/" + napping + "/resume", null).expect(200);
            assertThat(stream.next().event()).isEqualTo("execution.running"); // resumed
            api.post("/v1/executions/" + napping + "/cancel", null).expect(200);
            assertThat(stream.rest()).extracting(ServerSentEvent::event).containsExactly("execution.cancelled");
        }

        String failing = start(api, workflow(api, "  - {id: boom, type: fail, message: no}\n"));
        try (EventStream stream = api.events(eventsOf(failing))) {
            assertThat(stream.rest()).extracting(ServerSentEvent::event).endsWith("execution.failed");
        }
        api.post("/v1/executions/" + failing + "/retry", null).expect(200);
        try (EventStream stream = api.events(eventsOf(failing), "Last-Event-ID", "1")) {
            List<String> types = stream.rest().stream().map(ServerSentEvent::event).toList();
            assertThat(types).containsSubsequence("execution.failed", "execution.retried", "execution.failed");
            assertThat(types.get(types.size() - 1)).isEqualTo("execution.failed");
        }
    }

    @ApiTest
    void events_of_parallel_branches_arrive_gapless_and_in_seq_order(Api api) {
        StringBuilder branches = new StringBuilder();
        int branchCount = 6;
        int stepsPerBranch = 4;
        for (int b = 0; b < branchCount; b++) {
            branches.append("        - name: b").append(b).append("\n          steps:\n");
            for (int s = 0; s < stepsPerBranch; s++) {
                branches.append("            - {id: s").append(b).append('_').append(s).append(", type: set, values: {v: ")
                        .append(s).append("}}\n");
            }
        }
        String name = workflow(api, "  - id: fan\n    type: parallel\n    branches:\n" + branches);
        List<String> ids = List.of(start(api, name), start(api, name), start(api, name));

        for (String id : ids) {
            try (EventStream stream = api.events(eventsOf(id))) {
                List<ServerSentEvent> events = stream.rest();
                // started, every set step, the parallel step itself, the execution's end
                long expected = 1 + branchCount * stepsPerBranch + 1 + 1;
                assertThat(seqs(events)).containsExactlyElementsOf(LongStream.rangeClosed(1, expected).boxed().toList());
                assertThat(events.get(events.size() - 1).event()).isEqualTo("execution.completed");
                assertThat(api.listAll(eventsOf(id) + "?limit=7")).extracting(e -> e.get("seq").asLong())
                        .containsExactlyElementsOf(seqs(events));
            }
        }
    }

    @ApiTest
    void a_client_that_goes_away_frees_its_stream(Api api) {
        String id = start(api, workflow(api, "  - {id: nap, type: sleep, duration: 1h}\n"));
        int before = api.server().eventFeed().subscriptions();
        EventStream stream = api.events(eventsOf(id));
        assertThat(stream.next().event()).isEqualTo("execution.started");
        assertThat(api.server().eventFeed().subscriptions()).isEqualTo(before + 1);

        stream.close();

        // Writing is how a server learns a client left: the first write after it may still be buffered by TCP.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            api.post(eventsOf(id), "{\"type\": \"after.leaving\"}").expect(201);
            return api.server().eventFeed().subscriptions() == before;
        });
    }

    @ApiTest
    void a_viewer_streams_another_org_cannot_and_bad_starting_points_are_refused(Api api) {
        String id = start(api, workflow(api, "  - {id: a, type: set, values: {}}\n"));
        Api viewer = api.as(api.newKey("viewer"));
        Api stranger = api.inNewOrg();

        try (EventStream stream = viewer.events(eventsOf(id))) {
            assertThat(stream.rest()).extracting(ServerSentEvent::event)
                    .containsExactly("execution.started", "step.completed", "execution.completed");
        }
        stranger.events(eventsOf(id)).response().expectProblem(404, null);
        api.events(eventsOf(NO_SUCH_ID)).response().expectProblem(404, null);
        api.as("ap_wrong_key").events(eventsOf(id)).response().expectProblem(401, null);
        api.events(eventsOf(id), "Last-Event-ID", "abc").response().expectProblem(400, "Last-Event-ID");
        api.events(eventsOf(id) + "?after_seq=-1").response().expectProblem(400, "after_seq");
    }

    @ApiTest
    void without_the_stream_accept_header_the_list_is_a_page_in_seq_order(Api api) {
        String id = start(api, workflow(api, "  - {id: a, type: set, values: {}}\n  - {id: b, type: set, values: {}}\n"));
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/v1/executions/" + id).expect(200).body()
                .get("status").asText().equals("completed"));

        JsonNode page = api.get(eventsOf(id) + "?limit=2").expect(200).body();
        List<JsonNode> after = api.listAll(eventsOf(id) + "?after_seq=2");

        assertThat(page.get("items")).extracting(e -> e.get("seq").asLong()).containsExactly(1L, 2L);
        assertThat(page.get("next_cursor").isNull()).isFalse();
        assertThat(after).extracting(e -> e.get("seq").asLong()).containsExactly(3L, 4L);
        api.get(eventsOf(id) + "?after_seq=x").expectProblem(400, "after_seq");
    }
}
