package dev.agentplane.executions.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.agents.AgentFields;
import dev.agentplane.common.Json;
import dev.agentplane.common.PageRequest;
import dev.agentplane.escalations.DismissEscalation;
import dev.agentplane.escalations.Escalation;
import dev.agentplane.escalations.EscalationFilter;
import dev.agentplane.escalations.ResolveEscalation;
import dev.agentplane.executions.Execution;
import dev.agentplane.executions.ExecutionStep;
import dev.agentplane.executions.StartExecution;
import dev.agentplane.handoffs.AcceptHandoff;
import dev.agentplane.handoffs.CompleteHandoff;
import dev.agentplane.handoffs.Handoff;
import dev.agentplane.handoffs.HandoffFilter;
import dev.agentplane.tasks.ClaimTask;
import dev.agentplane.tasks.Task;
import dev.agentplane.tasks.TaskResult;
import dev.agentplane.tenancy.Actor;
import dev.agentplane.tenancy.Role;
import dev.agentplane.testing.AcrossDatabases;
import dev.agentplane.testing.TestPlane;
import dev.agentplane.workflows.WorkflowFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The seven templates of examples/workflows/templates run to completion, driven the way their users would: people
 * resolve or dismiss the escalations, agents claim and complete the tasks, accept and complete the handoffs. Only
 * the interpret step, which cannot run on a server yet, is replaced by the fixture `agentplane test --mock` uses.
 */
class TemplatesTest {
    private static final Path TEMPLATES = Path.of("..", "examples", "workflows", "templates");
    /** Results standing in for steps, per execution (the test classes' planes are shared by their tests). */
    private static final Map<String, Map<String, StepOverride>> MOCKS = new ConcurrentHashMap<>();
    private static final StepOverrides BY_EXECUTION = (execution, step) ->
            Optional.ofNullable(MOCKS.getOrDefault(execution.id(), Map.of()).get(step.id()));

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode fixture(String name) {
        return Json.parse(read(TEMPLATES.resolve("fixtures").resolve(name)));
    }

    private static void create(TestPlane t, String template) {
        t.plane().workflows().create(t.actor(), WorkflowFormat.YAML, read(TEMPLATES.resolve(template + ".yaml")));
        t.plane().engine().overrideSteps(BY_EXECUTION);
    }

    private static Execution start(TestPlane t, String template, String json) {
        return start(t, template, null, json, Map.of());
    }

    private static Execution start(TestPlane t, String template, String agentId, String json, Map<String, StepOverride> mocks) {
        Execution execution = t.plane().executions().start(t.actor(),
                new StartExecution(template, null, agentId, json == null ? null : Json.parse(json)));
        MOCKS.put(execution.id(), mocks);
        return settle(t, execution);
    }

    private static Execution settle(TestPlane t, Execution execution) {
        t.plane().engine().runUntilIdle();
        return t.plane().executions().get(t.actor(), execution.id());
    }

    private static Escalation escalationOf(TestPlane t, Execution execution) {
        return t.plane().escalations().list(t.actor(), new EscalationFilter(null, null, null), PageRequest.first(50)).items()
                .stream().filter(e -> execution.id().equals(e.executionId())).findFirst().orElseThrow();
    }

    private static Actor agent(TestPlane t, String name, String... capabilities) {
        String id = t.plane().agents().register(t.actor(), new AgentFields(name + "-" + UUID.randomUUID().toString().substring(0, 8),
                null, null, List.of(capabilities), null)).id();
        return new Actor(t.actor().orgId(), null, id, Role.AGENT, null);
    }

    /** An agent claims the open task of its capability and completes it with {@code output}. */
    private static Task complete(TestPlane t, Actor agent, String output) throws InterruptedException {
        Task task = t.plane().tasks().claim(agent, new ClaimTask(null, null, 0, null)).orElseThrow();
        t.plane().tasks().complete(agent, task.id(), new TaskResult.Complete(Json.parse(output)));
        return task;
    }

    private static List<String> stepIds(TestPlane t, Execution execution) {
        return t.plane().executions().steps(t.actor(), execution.id()).stream()
                .map(step -> step.scope() + step.stepId() + ":" + step.status()).toList();
    }

    private static JsonNode state(TestPlane t, String namespace, String key) {
        return t.plane().state().get(t.actor(), namespace, key).valueNode();
    }

    @AcrossDatabases
    void data_extraction_keeps_a_confident_record_and_asks_a_person_about_an_unsure_one(TestPlane t) {
        create(t, "data_extraction");
        JsonNode confident = fixture("data_extraction.confident.json");

        Execution sure = start(t, "data_extraction", null, null, Map.of("extract", new StepOverride.Output(confident)));
        Execution unsure = start(t, "data_extraction", null, "{\"document_id\": \"inv-7\"}",
                Map.of("extract", new StepOverride.Output(fixture("data_extraction.unsure.json"))));
        Escalation review = escalationOf(t, unsure);
        JsonNode corrected = confident.get("data").deepCopy();
        t.plane().escalations().resolve(t.actor(), review.id(),
                new ResolveEscalation(Json.object().set("data", corrected), "alice"));
        Execution unmocked = start(t, "data_extraction", "{}");

        assertThat(sure.status()).isEqualTo(Execution.COMPLETED);
        assertThat(sure.output().get("record")).isEqualTo(confident.get("data"));
        assertThat(sure.output().get("reviewed").asBoolean()).isFalse();
        assertThat(stepIds(t, sure)).containsExactly("extract:completed", "review:skipped", "finalize:completed", "store:completed");
        assertThat(state(t, "extractions", "inv-1042").get("record")).isEqualTo(confident.get("data"));
        assertThat(review.context().at("/missing_fields/0").asText()).isEqualTo("total");
        Execution checked = settle(t, unsure);
        assertThat(checked.status()).isEqualTo(Execution.COMPLETED);
        assertThat(checked.output().get("record")).isEqualTo(corrected);
        assertThat(checked.output().get("reviewed").asBoolean()).isTrue();
        // Not mocked: the heuristics read the default e-mail; what they cannot find sends the record to a person.
        JsonNode extracted = t.plane().executions().steps(t.actor(), unmocked.id()).stream()
                .filter(step -> step.stepId().equals("extract")).findFirst().orElseThrow().output();
        assertThat(extracted.at("/data/invoice_number").asText()).isEqualTo("INV-1042");
        assertThat(extracted.at("/data/total").decimalValue()).isEqualByComparingTo("1234.5");
        assertThat(extracted.at("/data/due_date").asText()).isEqualTo("2025-04-01");
        assertThat(extracted.get("strategy_used").asText()).isEqualTo("heuristic");
        assertThat(escalationOf(t, unmocked).reason()).contains("Check the record extracted from inv-1042");
    }

    @AcrossDatabases
    void human_in_loop_follows_an_approval_an_edit_a_rejection_or_silence(TestPlane t) {
        create(t, "human_in_loop");
        Execution approved = start(t, "human_in_loop", "{\"request_id\": \"r1\"}");
        Execution edited = start(t, "human_in_loop", "{\"request_id\": \"r2\"}");
        Execution rejected = start(t, "human_in_loop", "{\"request_id\": \"r3\"}");
        Execution ignored = start(t, "human_in_loop", "{\"request_id\": \"r4\"}");
        Escalation first = escalationOf(t, approved);
        assertThat(first.assignedTo()).isEqualTo("support-leads");
        assertThat(first.priority()).isEqualTo("high");
        assertThat(first.context().at("/proposal/to").asText()).isEqualTo("ada@example.com");

        t.plane().escalations().resolve(t.actor(), first.id(), new ResolveEscalation(Json.object(), "alice"));
        t.plane().escalations().resolve(t.actor(), escalationOf(t, edited).id(), new ResolveEscalation(
                Json.parse("{\"action\": {\"kind\": \"email\", \"to\": \"ada@example.com\", \"subject\": \"Refund for o-42\"}}"), "bob"));
        t.plane().escalations().dismiss(t.actor(), escalationOf(t, rejected).id(), new DismissEscalation("wrong customer"));
        settle(t, approved);
        t.clock().advance(Duration.ofDays(1).plusSeconds(1));

        assertThat(settle(t, approved).output())
                .isEqualTo(Json.parse("{\"status\":\"approved\",\"action\":{\"kind\":\"email\",\"to\":\"ada@example.com\","
                        + "\"subject\":\"Your refund\",\"body\":\"We refunded 25 EUR to your card.\"},\"decided_by\":\"alice\"}"));
        Execution afterEdit = settle(t, edited);
        assertThat(afterEdit.output().get("status").asText()).isEqualTo("approved_with_edits");
        assertThat(afterEdit.output().at("/action/subject").asText()).isEqualTo("Refund for o-42");
        assertThat(settle(t, rejected).output().get("status").asText()).isEqualTo("rejected");
        Execution expired = settle(t, ignored);
        assertThat(expired.status()).isEqualTo(Execution.COMPLETED);
        assertThat(expired.output().get("status").asText()).isEqualTo("expired");
        assertThat(state(t, "decisions", "r2")).isEqualTo(Json.parse("{\"status\":\"approved_with_edits\",\"decided_by\":\"bob\"}"));
        assertThat(state(t, "decisions", "r3").get("status").asText()).isEqualTo("rejected");
    }

    @AcrossDatabases
    void multi_agent_handoff_goes_from_research_to_a_writer_to_review_and_back_to_the_same_writer(TestPlane t) throws InterruptedException {
        create(t, "multi_agent_handoff");
        Actor coordinator = agent(t, "coordinator");
        Actor researcher = agent(t, "researcher", "research");
        Actor writer = agent(t, "writer", "writing");
        Actor reviewer = agent(t, "reviewer", "review");
        Execution execution = start(t, "multi_agent_handoff", coordinator.agentId(), null, Map.of());

        Task research = complete(t, researcher, read(TEMPLATES.resolve("fixtures/multi_agent_handoff.research.json")));
        assertThat(research.input().get("topic").asText()).isEqualTo("Termination clauses in our supplier contracts");
        settle(t, execution);
        Handoff write = handoffOf(t, coordinator, execution, "writing");
        assertThat(write.context().at("/findings/1").asText()).isEqualTo("Contract B: 30 days notice, for convenience");
        t.plane().handoffs().accept(writer, write.id(), new AcceptHandoff(writer.agentId()));
        t.plane().handoffs().complete(writer, write.id(), new CompleteHandoff(Json.parse("{\"draft\": \"first draft\"}")));
        settle(t, execution);
        Task review = complete(t, reviewer, "{\"approved\": false, \"comments\": [\"name the renewal terms\"]}");
        assertThat(review.input().get("draft").asText()).isEqualTo("first draft");
        settle(t, execution);
        Handoff revise = t.plane().handoffs().list(writer, new HandoffFilter(null, writer.agentId(), null, null, null),
                PageRequest.first(10)).items().stream().filter(h -> !h.id().equals(write.id())).findFirst().orElseThrow();
        assertThat(revise.context().at("/comments/0").asText()).isEqualTo("name the renewal terms");
        t.plane().handoffs().accept(writer, revise.id(), new AcceptHandoff(writer.agentId()));
        t.plane().handoffs().complete(writer, revise.id(), new CompleteHandoff(Json.parse("{\"draft\": \"second draft\"}")));

        Execution done = settle(t, execution);
        assertThat(done.status()).isEqualTo(Execution.COMPLETED);
        assertThat(done.output().get("brief").asText()).isEqualTo("second draft");
        assertThat(done.output().get("written_by").asText()).isEqualTo(writer.agentId());
        assertThat(done.output().get("revised").asBoolean()).isTrue();
    }

    private static Handoff handoffOf(TestPlane t, Actor from, Execution execution, String capability) {
        return t.plane().handoffs().list(t.actor(), new HandoffFilter(from.agentId(), null, null, null, null), PageRequest.first(10))
                .items().stream().filter(h -> execution.id().equals(h.executionId()) && capability.equals(h.toCapability()))
                .findFirst().orElseThrow();
    }

    @AcrossDatabases
    void stateful_conversation_gives_each_turn_the_history_and_keeps_the_last_max_turns(TestPlane t) throws InterruptedException {
        create(t, "stateful_conversation");
        Actor chat = agent(t, "chat", "chat");
        List<JsonNode> histories = new java.util.ArrayList<>();
        Execution last = null;
        for (String message : List.of("hello", "my parcel is late", "thanks")) {
            last = start(t, "stateful_conversation", "{\"message\": \"" + message + "\", \"max_turns\": 2}");
            Task task = complete(t, chat, "{\"text\": \"you said " + message + "\"}");
            histories.add(task.input().get("history"));
            last = settle(t, last);
            assertThat(last.status()).isEqualTo(Execution.COMPLETED);
        }

        assertThat(histories.get(0)).isEmpty();
        assertThat(histories.get(1)).isEqualTo(Json.parse("[{\"n\":1,\"user\":\"ada\",\"message\":\"hello\",\"reply\":\"you said hello\"}]"));
        assertThat(histories.get(2)).extracting(turn -> turn.get("message").asText()).containsExactly("hello", "my parcel is late");
        assertThat(last.output()).isEqualTo(Json.parse("{\"reply\":\"you said thanks\",\"turn\":3,\"turns_kept\":2}"));
        JsonNode kept = state(t, "conversations", "conv-1");
        assertThat(kept.get("last_turn").asInt()).isEqualTo(3);
        assertThat(kept.get("turns")).extracting(turn -> turn.get("n").asInt()).containsExactly(2, 3);
    }

    @AcrossDatabases
    void progressive_disclosure_reads_no_further_than_the_first_level_that_settles_the_ticket(TestPlane t) {
        create(t, "progressive_disclosure");

        Execution fromBody = start(t, "progressive_disclosure", "{}");
        Execution fromSubject = start(t, "progressive_disclosure", "{\"subject\": \"Error 500 when I log in\"}");
        Execution fromAttachment = start(t, "progressive_disclosure", """
                {"subject": "Order 1042", "body": "See the attached file.", "attachments": [
                  {"name": "photo.jpg", "text": ""}, {"name": "app.log", "text": "ERROR: crash at checkout"}]}""");
        Execution unsettled = start(t, "progressive_disclosure", "{\"subject\": \"Hello\", \"body\": \"Can someone call me?\"}");

        assertThat(fromBody.output())
                .isEqualTo(Json.parse("{\"category\":\"billing\",\"read\":[\"subject\",\"body\"],\"queue\":\"billing\",\"sla_hours\":24}"));
        assertThat(stepIds(t, fromBody)).contains("attachments:skipped").doesNotContain("from_subject:completed");
        assertThat(fromSubject.output())
                .isEqualTo(Json.parse("{\"category\":\"technical\",\"read\":[\"subject\"],\"queue\":\"engineering\",\"sla_hours\":8}"));
        assertThat(stepIds(t, fromSubject)).doesNotContain("body:completed");
        assertThat(fromAttachment.output().get("category").asText()).isEqualTo("technical");
        assertThat(fromAttachment.output().get("read"))
                .isEqualTo(Json.parse("[\"subject\",\"body\",\"attachment:photo.jpg\",\"attachment:app.log\"]"));
        assertThat(stepIds(t, fromAttachment)).contains("attachments[0]/scan:completed", "attachments[1]/scan:completed");
        assertThat(unsettled.output().get("queue").asText()).isEqualTo("triage");
    }

    @AcrossDatabases
    void error_recovery_retries_then_falls_back_to_the_cached_quote_and_fails_clearly_without_one(TestPlane t) throws InterruptedException {
        create(t, "error_recovery");
        Actor quotes = agent(t, "quotes", "quotes");
        Execution fresh = start(t, "error_recovery", "{}");
        complete(t, quotes, "{\"price\": 42.17}");
        assertThat(settle(t, fresh).output()).isEqualTo(Json.parse("{\"source\":\"fresh\",\"quote\":{\"price\":42.17},\"error\":null}"));

        Execution outage = start(t, "error_recovery", "{}");
        Execution nothingCached = start(t, "error_recovery", "{\"symbol\": \"NEW\"}");
        for (int attempt = 1; attempt <= 3; attempt++) {
            for (int i = 0; i < 2; i++) {
                Task task = t.plane().tasks().claim(quotes, new ClaimTask(null, null, 0, null)).orElseThrow();
                assertThat(task.attempt()).isEqualTo(attempt);
                t.plane().tasks().fail(quotes, task.id(), new TaskResult.Fail("the quote service answered 503", true));
            }
            settle(t, outage);
            t.clock().advance(Duration.ofMinutes(2));
            settle(t, outage);
        }

        Execution recovered = settle(t, outage);
        assertThat(recovered.status()).isEqualTo(Execution.COMPLETED);
        assertThat(recovered.output()).isEqualTo(Json.parse("{\"source\":\"cache\",\"quote\":{\"price\":42.17},"
                + "\"error\":\"the quote service answered 503\"}"));
        assertThat(t.plane().executions().steps(t.actor(), outage.id())).filteredOn(s -> s.stepId().equals("fetch"))
                .extracting(ExecutionStep::attempt, ExecutionStep::errorCode).containsExactly(org.assertj.core.groups.Tuple.tuple(3, "task.failed"));
        Execution failed = settle(t, nothingCached);
        assertThat(failed.status()).isEqualTo(Execution.FAILED);
        assertThat(failed.error()).isEqualTo("step 'give_up' failed: no quote for NEW: fetching failed after 3 attempts "
                + "(the quote service answered 503) and none is cached");
    }

    @AcrossDatabases
    void cost_aware_execution_pays_for_the_strong_model_only_when_needed_and_affordable(TestPlane t) throws InterruptedException {
        create(t, "cost_aware_execution");
        Actor small = agent(t, "small", "llm.small");
        Actor large = agent(t, "large", "llm.large");

        Execution confident = start(t, "cost_aware_execution", "{}");
        complete(t, small, read(TEMPLATES.resolve("fixtures/cost_aware_execution.confident.json")));
        Execution upgraded = start(t, "cost_aware_execution", "{}");
        complete(t, small, read(TEMPLATES.resolve("fixtures/cost_aware_execution.unsure.json")));
        settle(t, upgraded);
        Task expert = complete(t, large, read(TEMPLATES.resolve("fixtures/cost_aware_execution.expert.json")));
        Execution tight = start(t, "cost_aware_execution", "{\"budget_usd\": 0.01}");
        complete(t, small, "{\"answer\": \"Probably B.\", \"confidence\": 0.5}");
        Execution tooSmall = start(t, "cost_aware_execution", "{\"budget_usd\": 0.001}");

        assertThat(settle(t, confident).output().get("tier").asText()).isEqualTo("draft");
        JsonNode strong = settle(t, upgraded).output();
        assertThat(strong.get("tier").asText()).isEqualTo("expert");
        assertThat(strong.get("spent_usd").asDouble()).isCloseTo(0.0227, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(expert.input().get("max_cost_usd").asDouble()).isCloseTo(0.0483, org.assertj.core.data.Offset.offset(1e-9));
        JsonNode cheap = settle(t, tight).output();
        assertThat(cheap.get("tier").asText()).isEqualTo("draft");
        assertThat(cheap.get("spent_usd").asDouble()).as("the estimate, as the agent did not say").isEqualTo(0.002);
        assertThat(cheap.get("note").asText()).contains("would exceed the budget");
        assertThat(tooSmall.status()).isEqualTo(Execution.FAILED);
        assertThat(tooSmall.error()).contains("does not cover even the cheap call");
    }
}
