package dev.agentplane.cli.teamrun;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.client.AgentPlaneClient;
import dev.agentplane.client.AgentPlaneException;
import dev.agentplane.client.ClientJson;
import dev.agentplane.client.Query;
import dev.agentplane.client.model.CompleteExecution;
import dev.agentplane.client.model.Event;
import dev.agentplane.client.model.Execution;
import dev.agentplane.client.model.FailExecution;
import dev.agentplane.client.model.NewExecutionEvent;
import dev.agentplane.client.model.StartExecution;
import dev.agentplane.teams.record.RunEvents;
import dev.agentplane.teams.record.RunRecords;
import dev.agentplane.teams.record.RunSummary;
import dev.agentplane.teams.record.RunWorkflow;
import dev.agentplane.teams.run.RunEvent;
import dev.agentplane.teams.run.RunJournal;
import dev.agentplane.teams.run.RunOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Team runs recorded on a remote AgentPlane server through the Java SDK: the same executions of {@code team.<team>}
 * and events as the embedded store, so the server's audit log, usage and streams see them.
 */
final class RemoteRunRecords implements RunRecords {
    private static final int PAGE = 200;
    private final AgentPlaneClient server;

    RemoteRunRecords(AgentPlaneClient server) {
        this.server = server;
    }

    @Override
    public String start(String team, String task) {
        String workflow = RunWorkflow.name(team);
        try {
            server.workflows().get(workflow);
        } catch (AgentPlaneException.NotFound firstRunOfTheTeam) {
            server.workflows().create(RunWorkflow.definition(team));
        }
        return server.executions().start(StartExecution.of(workflow, Map.of("task", task))).id();
    }

    @Override
    public RunJournal journal(String runId) {
        return new RunJournal() {
            @Override
            public void append(RunEvent event) {
                var recorded = RunEvents.toExecutionEvent(event);
                server.executions().recordEvent(runId, new NewExecutionEvent(recorded.agentId(), recorded.type(),
                        recorded.message(), recorded.data(), recorded.tokensIn(), recorded.tokensOut(), recorded.costUsd()));
            }

            @Override
            public List<RunEvent> events() {
                List<RunEvent> events = new ArrayList<>();
                for (Event event : server.executions().events(runId, Query.NONE.limit(PAGE))) {
                    RunEvents.fromExecutionEvent(event.type(), event.data()).ifPresent(events::add);
                }
                return events;
            }
        };
    }

    @Override
    public void finish(String runId, RunOutcome outcome) {
        if (!get(runId).status().equals("running")) {
            return; // finished before, or cancelled on the server meanwhile
        }
        ObjectNode output = RunEvents.output(outcome);
        if (outcome.completed()) {
            server.executions().complete(runId, CompleteExecution.of(output));
        } else {
            server.executions().fail(runId, new FailExecution(outcome.reason(), output, null, null, null));
        }
    }

    @Override
    public RunSummary get(String runId) {
        Execution execution;
        try {
            execution = server.executions().get(runId);
        } catch (AgentPlaneException.NotFound | AgentPlaneException.BadRequest notARun) {
            throw new CliRunner.ConfigurationError("there is no team run " + runId + " on the server");
        }
        if (!execution.workflowName().startsWith(WORKFLOW_PREFIX)) {
            throw new CliRunner.ConfigurationError("there is no team run " + runId + " on the server");
        }
        return RunEvents.summary(ClientJson.tree(execution));
    }

    @Override
    public List<RunSummary> list(String team, int limit) {
        Query query = Query.NONE.limit(Math.min(limit * 4, PAGE)).with("workflow", team == null ? null : RunWorkflow.name(team));
        List<RunSummary> runs = new ArrayList<>();
        for (Execution execution : server.executions().list(query).firstPage().items()) {
            if (execution.workflowName().startsWith(WORKFLOW_PREFIX) && runs.size() < limit) {
                runs.add(RunEvents.summary(ClientJson.tree(execution)));
            }
        }
        return runs;
    }
}
