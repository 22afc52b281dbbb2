package dev.agentplane.teams.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentplane.common.Json;
import dev.agentplane.executions.Execution;
import dev.agentplane.llm.ToolCall;
import dev.agentplane.teams.run.RunEvent;
import dev.agentplane.teams.run.RunJournal;
import dev.agentplane.teams.run.RunOutcome;
import dev.agentplane.testing.AcrossDatabases;
import dev.agentplane.testing.TestPlane;
import java.math.BigDecimal;
import java.util.List;

class LocalRunRecordsTest {

    @AcrossDatabases
    void a_run_is_an_execution_whose_events_are_its_journal(TestPlane t) {
        LocalRunRecords records = new LocalRunRecords(t.plane(), t.actor());
        List<RunEvent> events = List.of(new RunEvent.RunStarted("ops", "deploy", "router", "0f3a"),
                new RunEvent.TurnStarted(1, "start", "operator", "deploy"),
                new RunEvent.ModelAnswered(1, "operator", 1, null, List.of(new ToolCall("c1", "terminal", Json.parse("{\"command\": \"ls\"}"))),
                        100, 10, new BigDecimal("0.0002"), "gpt-4o-mini"),
                new RunEvent.ToolStarted(1, 1, "operator", "c1", "terminal", Json.parse("{\"command\": \"ls\"}")),
                new RunEvent.ToolFinished(1, 1, "operator", "c1", "terminal", "a.txt", false),
                new RunEvent.ModelAnswered(1, "operator", 2, "Deployed.", List.of(), 50, 5, new BigDecimal("0.0001"), "gpt-4o-mini"),
                new RunEvent.TurnEnded(1, "operator", "Deployed.", null),
                new RunEvent.RunEnded(RunOutcome.COMPLETED, "Deployed.", null));

        String run = records.start("ops", "deploy");
        RunJournal journal = records.journal(run);
        events.forEach(journal::append);
        records.finish(run, new RunOutcome(RunOutcome.COMPLETED, "Deployed.", null, 2, 150, 15, new BigDecimal("0.0003")));
        String second = records.start("ops", "again");
        records.finish(second, new RunOutcome(RunOutcome.FAILED, null, "max_steps (2) reached", 2, 0, 0, null));

        assertThat(records.journal(run).events()).isEqualTo(events);
        Execution execution = t.plane().executions().get(t.actor(), run);
        assertThat(execution.workflowName()).isEqualTo("team.ops");
        assertThat(execution.status()).isEqualTo(Execution.COMPLETED);
        assertThat(execution.tokensIn()).as("summed from the model answers' events").isEqualTo(150);
        RunSummary summary = records.get(run);
        assertThat(summary.team()).isEqualTo("ops");
        assertThat(summary.task()).isEqualTo("deploy");
        assertThat(summary.result()).isEqualTo("Deployed.");
        assertThat(records.list(null, 10)).extracting(RunSummary::id).containsExactly(second, run);
        assertThat(records.get(second).status()).isEqualTo(Execution.FAILED);
        assertThat(records.get(second).error()).contains("max_steps (2) reached");
    }
}
