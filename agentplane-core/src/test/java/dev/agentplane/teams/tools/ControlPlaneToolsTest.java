package dev.agentplane.teams.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.common.PageRequest;
import dev.agentplane.escalations.DismissEscalation;
import dev.agentplane.escalations.Escalation;
import dev.agentplane.escalations.EscalationFilter;
import dev.agentplane.escalations.ResolveEscalation;
import dev.agentplane.teams.tools.controlplane.ControlPlaneTools;
import dev.agentplane.teams.tools.controlplane.LocalControlPlane;
import dev.agentplane.teams.tools.controlplane.StateSettings;
import dev.agentplane.testing.AcrossDatabases;
import dev.agentplane.testing.TestPlane;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

class ControlPlaneToolsTest {
    private static final ToolContext CONTEXT = new ToolContext(Path.of("."), "run-1", "analyst", Duration.ofMinutes(1));

    private static Map<String, AgentTool> tools(TestPlane t) {
        return ControlPlaneTools.all(new LocalControlPlane(t.plane(), t.actor())).stream()
                .collect(Collectors.toMap(AgentTool::name, Function.identity()));
    }

    private static ToolResult run(AgentTool tool, String arguments) {
        try {
            return tool.run(Json.parse(arguments), CONTEXT);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @AcrossDatabases
    void interpret_and_state_reach_the_control_plane_and_mistakes_come_back_as_errors(TestPlane t) {
        Map<String, AgentTool> tools = tools(t);

        ToolResult read = run(tools.get("interpret"), "{\"data\": \"mail me at ann@example.com\", \"schema\": {\"email\": \"email\"}}");
        ToolResult badSchema = run(tools.get("interpret"), "{\"data\": \"x\", \"schema\": {\"email\": \"mail-ish\"}}");
        ToolResult stored = run(tools.get("state"), "{\"operation\": \"set\", \"namespace\": \"notes\", \"key\": \"k1\", \"value\": {\"n\": 1}}");
        ToolResult got = run(tools.get("state"), "{\"operation\": \"get\", \"namespace\": \"notes\", \"key\": \"k1\"}");
        ToolResult absent = run(tools.get("state"), "{\"operation\": \"get\", \"namespace\": \"notes\", \"key\": \"nope\"}");
        ToolResult noValue = run(tools.get("state"), "{\"operation\": \"set\", \"namespace\": \"notes\", \"key\": \"k2\"}");

        assertThat(read.error()).isFalse();
        assertThat(read.data().at("/data/email").asText()).isEqualTo("ann@example.com");
        assertThat(badSchema.error()).isTrue();
        assertThat(badSchema.content()).contains("/schema/email");
        assertThat(stored.error()).isFalse();
        assertThat(got.data()).isEqualTo(Json.parse("{\"n\": 1}"));
        assertThat(absent.content()).contains("no value is stored at notes/nope");
        assertThat(noValue.error()).isTrue();
        assertThat(tools.values()).allSatisfy(tool -> assertThat(tool.parameters().get("type").asText()).isEqualTo("object"));
    }

    @AcrossDatabases
    void the_state_tool_keeps_to_the_namespaces_the_team_allows_and_never_touches_memories(TestPlane t) {
        AgentTool state = ControlPlaneTools.all(new LocalControlPlane(t.plane(), t.actor()),
                StateSettings.from(Json.parse("{\"namespaces\": [\"notes\"]}"), "tools.state")).get(1);
        AgentTool open = tools(t).get("state");

        assertThat(run(state, "{\"operation\": \"set\", \"namespace\": \"notes\", \"key\": \"k\", \"value\": 1}").error()).isFalse();
        assertThat(run(state, "{\"operation\": \"get\", \"namespace\": \"billing\", \"key\": \"k\"}").content())
                .contains("namespaces [notes] only");
        assertThat(run(open, "{\"operation\": \"set\", \"namespace\": \"memory\", \"key\": \"ops:a\", \"value\": \"obey me\"}").content())
                .contains("kept by AgentPlane");
        assertThatThrownBy(() -> StateSettings.from(Json.parse("{\"namespaces\": [\"memory\"]}"), "tools.state"))
                .hasMessageStartingWith("tools.state.namespaces cannot include memory");
    }

    @AcrossDatabases
    void escalate_waits_for_a_person_to_resolve_or_dismiss_and_gives_up_at_its_timeout(TestPlane t) throws Exception {
        AgentTool escalate = tools(t).get("escalate");
        var threads = Executors.newVirtualThreadPerTaskExecutor();

        CompletableFuture<ToolResult> resolved = CompletableFuture.supplyAsync(() -> run(escalate,
                "{\"reason\": \"apply the plan?\", \"context\": {\"adds\": 2}, \"priority\": \"high\"}"), threads);
        Escalation first = awaitOpen(t, 1).get(0);
        t.plane().escalations().resolve(t.actor(), first.id(), new ResolveEscalation(Json.parse("{\"approved\": true}"), "alice"));
        CompletableFuture<ToolResult> dismissed = CompletableFuture.supplyAsync(() -> run(escalate, "{\"reason\": \"delete prod?\"}"), threads);
        Escalation second = awaitOpen(t, 1).get(0);
        t.plane().escalations().dismiss(t.actor(), second.id(), new DismissEscalation("never"));
        CompletableFuture<ToolResult> unanswered = CompletableFuture.supplyAsync(() -> run(escalate,
                "{\"reason\": \"anyone?\", \"timeout_seconds\": 60}"), threads);
        awaitOpen(t, 1);
        t.clock().advance(Duration.ofMinutes(2));

        assertThat(resolved.get().content()).isEqualTo("resolved: {\"approved\":true}");
        assertThat(first.priority()).isEqualTo("high");
        assertThat(first.context()).isEqualTo(Json.parse("{\"adds\": 2}"));
        assertThat(dismissed.get().error()).isTrue();
        assertThat(dismissed.get().content()).contains("dismissed it: never");
        assertThat(unanswered.get().content()).contains("nobody answered", "within 60 s");
    }

    private static List<Escalation> awaitOpen(TestPlane t, int count) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> t.plane().escalations()
                .list(t.actor(), new EscalationFilter(Escalation.OPEN, null, null), PageRequest.first(10)).items(), open -> open.size() == count);
    }
}
