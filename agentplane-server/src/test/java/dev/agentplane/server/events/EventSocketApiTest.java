package dev.agentplane.server.events;

import static dev.agentplane.server.events.ExecutionEventStreamApiTest.start;
import static dev.agentplane.server.events.ExecutionEventStreamApiTest.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiTest;
import dev.agentplane.server.testing.StreamSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The WebSocket GET /v1/stream: an organization's events, filtered, in seq order per execution, resumable. */
class EventSocketApiTest {
    /** A WebSocket handshake's headers, for refusals java.net.http's WebSocket client would not show in full. */
    private static final String[] HANDSHAKE = {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version", "13"};
    private static final String TWO_STEPS = "  - {id: a, type: set, values: {}}\n  - {id: b, type: set, values: {}}\n";

    /** The next {@code count} messages of each execution in {@code executionIds}, by execution, skipping others. */
    private static Map<String, List<JsonNode>> runsOf(StreamSocket socket, int count, String... executionIds) {
        Map<String, List<JsonNode>> runs = new HashMap<>();
        for (String id : executionIds) {
            runs.put(id, new ArrayList<>());
        }
        while (runs.values().stream().anyMatch(messages -> messages.size() < count)) {
            JsonNode message = socket.next();
            List<JsonNode> run = runs.get(message.get("execution_id").asText());
            if (run != null) {
                run.add(message);
            }
        }
        return runs;
    }

    private static List<JsonNode> runOf(StreamSocket socket, String executionId, int count) {
        return runsOf(socket, count, executionId).get(executionId);
    }

    private static List<String> types(List<JsonNode> messages) {
        return messages.stream().map(m -> m.get("type").asText()).toList();
    }

    @ApiTest
    void streams_the_orgs_events_as_they_commit_filtered_by_workflow_execution_and_type(Api api) {
        String flow = workflow(api, TWO_STEPS);
        String other = workflow(api, TWO_STEPS);
        try (StreamSocket everything = api.stream("");
             StreamSocket steps = api.stream("?type=step.&workflow=" + flow);
             StreamSocket ofOther = api.stream("?workflow=" + other)) {
            String first = start(api, flow);
            String second = start(api, other);

            Map<String, List<JsonNode>> runs = runsOf(everything, 4, first, second);
            List<JsonNode> firstRun = runs.get(first);
            List<JsonNode> secondRun = runs.get(second);
            assertThat(types(firstRun)).containsExactly("execution.started", "step.completed", "step.completed",
                    "execution.completed");
            assertThat(firstRun).extracting(m -> m.get("seq").asLong()).containsExactly(1L, 2L, 3L, 4L);
            assertThat(secondRun).extracting(m -> m.get("seq").asLong()).containsExactly(1L, 2L, 3L, 4L);
            assertThat(steps.next(2)).allSatisfy(m -> {
                assertThat(m.get("type").asText()).isEqualTo("step.completed");
                assertThat(m.get("execution_id").asText()).isEqualTo(first);
            });
            assertThat(ofOther.next(4)).allSatisfy(m -> assertThat(m.get("execution_id").asText()).isEqualTo(second));

            String third = start(api, flow);
            try (StreamSocket justThird = api.stream("?execution_id=" + third + "&after=0")) {
                assertThat(types(justThird.next(4))).containsExactly("execution.started", "step.completed",
                        "step.completed", "execution.completed");
            }
            assertThat(steps.next(2)).allSatisfy(m -> assertThat(m.get("execution_id").asText()).isEqualTo(third));
            assertThat(steps.pending()).isEmpty();
        }
    }

    @ApiTest
    void reconnecting_after_the_last_cursor_loses_and_repeats_nothing(Api api) {
        String flow = workflow(api, TWO_STEPS);
        String cursor;
        List<JsonNode> before;
        try (StreamSocket socket = api.stream("?workflow=" + flow)) {
            String first = start(api, flow);
            before = runOf(socket, first, 2);
            cursor = before.get(1).get("cursor").asText();
        }
        List<String> more = List.of(start(api, flow), start(api, flow));

        try (StreamSocket resumed = api.stream("?workflow=" + flow + "&after=" + cursor)) {
            List<JsonNode> rest = resumed.next(2 + 4 * more.size());
            Map<String, List<Long>> seqs = new HashMap<>();
            for (JsonNode message : rest) {
                seqs.computeIfAbsent(message.get("execution_id").asText(), id -> new ArrayList<>()).add(message.get("seq").asLong());
            }
            assertThat(seqs.get(before.get(0).get("execution_id").asText())).containsExactly(3L, 4L);
            assertThat(more).allSatisfy(id -> assertThat(seqs.get(id)).containsExactly(1L, 2L, 3L, 4L));
            assertThat(rest).extracting(m -> Long.parseLong(m.get("cursor").asText())).isSorted().doesNotHaveDuplicates();
        }
    }

    @ApiTest
    void a_browser_authenticates_with_a_subprotocol_and_a_viewer_may_stream(Api api) {
        String flow = workflow(api, TWO_STEPS);
        Api viewer = api.as(api.newKey("viewer"));
        try (StreamSocket browser = viewer.streamAsBrowser("?workflow=" + flow);
             StreamSocket plain = viewer.stream("?workflow=" + flow)) {
            String id = start(api, flow);

            assertThat(browser.subprotocol()).isEqualTo("agentplane.v1");
            assertThat(types(browser.next(4))).containsExactly("execution.started", "step.completed", "step.completed",
                    "execution.completed");
            assertThat(plain.next(4)).allSatisfy(m -> assertThat(m.get("execution_id").asText()).isEqualTo(id));
        }
    }

    @ApiTest
    void events_of_another_org_never_appear(Api api) {
        Api stranger = api.inNewOrg();
        String shared = "shared-" + Api.unique(); // both orgs have a workflow of this name
        for (Api org : List.of(api, stranger)) {
            org.send("POST", "/v1/workflows", "name: " + shared + "\nsteps:\n" + TWO_STEPS, "application/yaml").expect(201);
        }
        String theirRun;
        try (StreamSocket theirs = stranger.stream("?workflow=" + shared)) {
            theirRun = start(stranger, shared);
            assertThat(theirs.next(4)).allSatisfy(m -> assertThat(m.get("execution_id").asText()).isEqualTo(theirRun));
        }
        String myRun = start(api, shared);

        // Their events were committed first: had they leaked into this org's replay, they would come first.
        try (StreamSocket replay = api.stream("?workflow=" + shared + "&after=0")) {
            assertThat(replay.next(4)).allSatisfy(m -> assertThat(m.get("execution_id").asText()).isEqualTo(myRun));
        }
        api.get("/v1/executions/" + theirRun).expectProblem(404, null);
    }

    @ApiTest
    void closing_the_socket_frees_its_stream(Api api) {
        int before = api.server().eventFeed().subscriptions();
        StreamSocket socket = api.stream("");
        await().atMost(Duration.ofSeconds(20)).until(() -> api.server().eventFeed().subscriptions() == before + 1);

        socket.close();

        await().atMost(Duration.ofSeconds(20)).until(() -> api.server().eventFeed().subscriptions() == before);
    }

    @ApiTest
    void bad_keys_and_bad_handshakes_are_refused(Api api) {
        assertThatThrownBy(() -> api.as("ap_not_a_key").stream("")).isInstanceOfSatisfying(StreamSocket.Refused.class,
                refused -> assertThat(refused.status()).isEqualTo(401));
        assertThatThrownBy(() -> api.as(null).stream("")).isInstanceOfSatisfying(StreamSocket.Refused.class,
                refused -> assertThat(refused.status()).isEqualTo(401));
        assertThatThrownBy(() -> api.as("ap_not_a_key").streamAsBrowser("")).isInstanceOfSatisfying(
                StreamSocket.Refused.class, refused -> assertThat(refused.status()).isEqualTo(401));

        api.as("ap_not_a_key").get("/v1/stream", HANDSHAKE).expectProblem(401, null);
        api.as(null).get("/v1/stream", HANDSHAKE).expectProblem(401, null);
        api.get("/v1/stream?type=Step", HANDSHAKE).expectProblem(400, "type");
        api.get("/v1/stream?after=yesterday", HANDSHAKE).expectProblem(400, "after");
        api.get("/v1/stream?execution_id=42", HANDSHAKE).expectProblem(400, "execution_id");
        api.get("/v1/stream?since=0", HANDSHAKE).expectProblem(400, "since");
        api.as(null).get("/v1/stream", "Sec-WebSocket-Protocol", "bearer." + api.key(), HANDSHAKE[0], HANDSHAKE[1],
                HANDSHAKE[2], HANDSHAKE[3]).expectProblem(400, "Sec-WebSocket-Protocol");
        api.get("/v1/stream").expectProblem(426, null);
        api.as("ap_not_a_key").get("/v1/stream").expectProblem(401, null);
    }
}
