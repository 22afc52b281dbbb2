package dev.agentplane.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.agentplane.client.model.ClaimTask;
import dev.agentplane.client.model.CompleteExecution;
import dev.agentplane.client.model.Event;
import dev.agentplane.client.model.Execution;
import dev.agentplane.client.model.FailExecution;
import dev.agentplane.client.model.NewEvent;
import dev.agentplane.client.model.NewExecutionEvent;
import dev.agentplane.client.model.RolloutShare;
import dev.agentplane.client.model.StartExecution;
import dev.agentplane.client.model.StreamedEvent;
import dev.agentplane.client.model.Task;
import dev.agentplane.client.model.Workflow;
import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Workflows, executions, their event streams and external tasks through the SDK, on SQLite and PostgreSQL. */
class ExecutionsTest {

    private static String workflow(AgentPlaneClient client, String body) {
        String name = "sdk-" + Api.unique();
        client.workflows().create("name: " + name + "\n" + body);
        return name;
    }

    @ApiTest
    void a_started_execution_streams_its_events_to_the_end_and_an_idempotency_key_starts_once(Api api) {
        AgentPlaneClient client = Clients.admin(api);
        String name = workflow(client, """
                inputs: {n: {type: integer, required: true}}
                outputs: {double: "${{ steps.twice.output.v }}"}
                steps:
                  - {id: echo, type: tool, tool: core.echo, with: {v: "${{ inputs.n }}"}}
                  - {id: twice, type: set, values: {v: "${{ steps.echo.output.v * 2 }}"}}
                """);

        String key = "order-" + Api.unique();
        Execution started = client.executions().start(StartExecution.of(name, Map.of("n", 21)), key);
        assertThat(client.executions().start(StartExecution.of(name, Map.of("n", 21)), key).id()).isEqualTo(started.id());

        List<Event> events;
        try (Stream<Event> stream = client.executions().stream(started.id())) {
            events = stream.toList();
        }
        assertThat(events).extracting(Event::type).startsWith("execution.started").endsWith("execution.completed");
        assertThat(events).extracting(Event::seq).isSorted().doesNotHaveDuplicates();
        try (Stream<Event> resumed = client.executions().stream(started.id(), events.get(1).seq())) {
            assertThat(resumed.toList()).isEqualTo(events.subList(2, events.size()));
        }
        Execution done = client.waitForExecution(started.id(), Duration.ofSeconds(30));
        assertThat(done.output().get("double").asInt()).isEqualTo(42);
        assertThat(client.executions().steps(started.id())).extracting(s -> s.stepId() + ":" + s.status())
                .containsExactly("echo:completed", "twice:completed");
        assertThat(client.executions().events(started.id(), Query.NONE.limit(2)).toList()).isEqualTo(events);
        assertThat(client.executions().list(Query.of("workflow", name)).toList()).extracting(Execution::id).containsExactly(started.id());
        assertThat(client.executions().observe(Query.of("workflow", name)).get("items")).hasSize(1);

        Event note = client.executions().recordEvent(started.id(), NewExecutionEvent.of("review.note", Map.of("ok", true)));
        assertThat(note.seq()).isGreaterThan(events.getLast().seq());
        assertThat(client.events().record(new NewEvent(started.id(), null, "review.done", "checked", null, null, null, null))
                .message()).isEqualTo("checked");
        try (Stream<StreamedEvent> live = client.events().stream(Query.of("execution_id", started.id(), "after", "0"))) {
            assertThat(live.limit(events.size() + 2)).extracting(StreamedEvent::type).contains("execution.completed", "review.done")
                    .allSatisfy(type -> assertThat(type).isNotBlank());
        }
    }

    @ApiTest
    void workflow_versions_rollouts_and_execution_controls(Api api) {
        AgentPlaneClient client = Clients.admin(api);
        String name = workflow(client, "steps: [{id: a, type: tool, tool: core.echo}]\n");
        Workflow second = client.workflows().create(Map.of("name", name, "steps", List.of(Map.of("id", "b", "type", "tool", "tool", "core.echo"))));
        assertThat(second.version()).isEqualTo(2);
        assertThat(client.workflows().get(name).version()).isEqualTo(2);
        assertThat(client.workflows().versions(name).stream().map(Workflow::version)).containsExactlyInAnyOrder(1, 2);
        assertThat(client.workflows().version(name, 1).definition().at("/steps/0/id").asText()).isEqualTo("a");
        assertThat(client.workflows().list(Query.of("name_prefix", name)).toList()).extracting(Workflow::name).contains(name);

        client.workflows().setRollout(name, List.of(new RolloutShare(1, 0), new RolloutShare(2, 1)));
        assertThat(client.workflows().rollout(name).versions()).hasSize(2);
        Execution routed = client.executions().start(StartExecution.of(name, null).withRoutingKey("c-1"));
        assertThat(client.waitForExecution(routed.id(), Duration.ofSeconds(30)).workflowVersion()).isEqualTo(2);
        assertThat(client.workflows().compare(name, Query.NONE).get("items")).extracting(v -> v.get("version").asInt()).contains(2);
        client.workflows().deleteRollout(name);
        assertThatThrownBy(() -> client.workflows().rollout(name)).isInstanceOf(AgentPlaneException.NotFound.class);
        assertThat(client.workflows().deactivate(name, 1).active()).isFalse();

        String sleeper = workflow(client, "steps: [{id: nap, type: sleep, duration: 1h}]\n");
        String id = client.startExecution(sleeper, null).id();
        assertThat(client.executions().pause(id).status()).isEqualTo("paused");
        assertThatThrownBy(() -> client.executions().pause(id))
                .isInstanceOfSatisfying(AgentPlaneException.Conflict.class, e -> assertThat(e.currentStatus()).contains("paused"));
        assertThat(client.executions().resume(id).status()).isEqualTo("running");
        assertThat(client.executions().cancel(id, "not needed").status()).isEqualTo("cancelled");

        String failing = workflow(client, "steps: [{id: check, type: fail, message: nope}]\n");
        String failed = client.startExecution(failing, null).id();
        assertThat(client.waitForExecution(failed, Duration.ofSeconds(30)).status()).isEqualTo("failed");
        assertThat(client.executions().deadLetters().stream().filter(l -> l.execution().id().equals(failed)).findFirst())
                .hasValueSatisfying(letter -> assertThat(letter.failedStep().stepId()).isEqualTo("check"));
        assertThat(client.executions().replay(failed).id()).isNotEqualTo(failed);
        assertThat(client.executions().retry(failed).status()).isEqualTo("running");
    }

    @ApiTest
    void an_execution_driven_from_outside_is_completed_or_failed_with_its_usage(Api api) {
        AgentPlaneClient client = Clients.admin(api);
        String name = workflow(client, "steps: [{id: nap, type: sleep, duration: 1h}]\n");

        Execution completed = client.executions().complete(client.startExecution(name, null).id(),
                new CompleteExecution(Map.of("text", "done"), 10L, 5L, 0.01));
        assertThat(completed.status()).isEqualTo("completed");
        assertThat(completed.tokensIn()).isEqualTo(10);
        Execution failed = client.executions().fail(client.startExecution(name, null).id(), FailExecution.of("model refused"));
        assertThat(failed.error()).isEqualTo("model refused");
    }

    @ApiTest
    void an_external_agent_claims_heartbeats_and_completes_or_fails_tasks(Api api) {
        AgentPlaneClient client = Clients.admin(api);
        String capability = "scan-" + Api.unique();
        Clients.Worker worker = Clients.worker(api, capability);
        String name = workflow(client, "steps:\n  - {id: work, type: task, capability: " + capability + ", input: {page: 3}}\n");

        assertThat(worker.client().tasks().claim(ClaimTask.of(null, capability))).isEmpty();
        String id = client.startExecution(name, null).id();
        Task task = await().atMost(Duration.ofSeconds(20)).until(
                () -> worker.client().claimTask(null, Duration.ofSeconds(1), capability), Optional::isPresent).orElseThrow();
        assertThat(task.input().get("page").asInt()).isEqualTo(3);
        assertThat(worker.client().tasks().heartbeat(task.id(), 60).leaseExpiresAt()).isNotNull();
        assertThat(client.tasks().list(Query.of("execution_id", id)).toList()).extracting(Task::id).containsExactly(task.id());
        assertThat(worker.client().completeTask(task.id(), Map.of("text", "scanned")).status()).isEqualTo("completed");
        assertThat(client.tasks().get(task.id()).output().get("text").asText()).isEqualTo("scanned");
        assertThat(client.waitForExecution(id, Duration.ofSeconds(30)).status()).isEqualTo("completed");

        String failing = client.startExecution(name, null).id();
        Task second = await().atMost(Duration.ofSeconds(20)).until(() -> worker.client().tasks()
                .claim(ClaimTask.of(worker.agentId(), capability).waitingUpTo(1)), Optional::isPresent).orElseThrow();
        assertThat(worker.client().tasks().fail(second.id(), "cannot read the scan", false).status()).isEqualTo("failed");
        assertThat(client.waitForExecution(failing, Duration.ofSeconds(30)).status()).isEqualTo("failed");
    }
}
