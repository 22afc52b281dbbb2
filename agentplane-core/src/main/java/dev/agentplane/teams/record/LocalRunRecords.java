package dev.agentplane.teams.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.AgentPlane;
import dev.agentplane.common.Json;
import dev.agentplane.common.PageRequest;
import dev.agentplane.common.problems.NotFoundException;
import dev.agentplane.events.Event;
import dev.agentplane.events.NewExecutionEvent;
import dev.agentplane.executions.CompleteExecution;
import dev.agentplane.executions.Execution;
import dev.agentplane.executions.ExecutionFilter;
import dev.agentplane.executions.FailExecution;
import dev.agentplane.executions.StartExecution;
import dev.agentplane.teams.run.RunEvent;
import dev.agentplane.teams.run.RunJournal;
import dev.agentplane.teams.run.RunOutcome;
import dev.agentplane.tenancy.Actor;
import dev.agentplane.workflows.WorkflowFormat;
import java.util.ArrayList;
import java.util.List;

/** Team runs recorded in an AgentPlane in this process: the CLI's embedded store. */
public final class LocalRunRecords implements RunRecords {
    private static final int PAGE = 200;
    private final AgentPlane plane;
    private final Actor actor;

    public LocalRunRecords(AgentPlane plane, Actor actor) {
        this.plane = plane;
        this.actor = actor;
    }

    @Override
    public String start(String team, String task) {
        return plane.executions().start(actor, request(team, task)).id();
    }

    /**
     * The run of an agent workflow step: a child execution of step run {@code stepRunId} (cancelled with its parent),
     * the same one if the step asks again.
     */
    public String startForStep(String stepRunId, String team, String task) {
        return plane.executions().startChild(actor.orgId(), stepRunId, request(team, task)).id();
    }

    private StartExecution request(String team, String task) {
        String workflow = RunWorkflow.name(team);
        try {
            plane.workflows().get(actor, workflow);
        } catch (NotFoundException absent) {
            try {
                plane.workflows().create(actor, WorkflowFormat.YAML, RunWorkflow.definition(team));
            } catch (dev.agentplane.common.problems.ConflictException createdMeanwhile) {
                // another run of the team created it first
            }
        }
        return new StartExecution(workflow, null, null, Json.object().put("task", task));
    }

    @Override
    public RunJournal journal(String runId) {
        return new Journal(runId);
    }

    @Override
    public void finish(String runId, RunOutcome outcome) {
        if (!plane.executions().get(actor, runId).status().equals(Execution.RUNNING)) {
            return; // finished before (a step claimed again after the run ended), or cancelled meanwhile
        }
        ObjectNode output = RunEvents.output(outcome);
        if (outcome.completed()) {
            plane.executions().complete(actor, runId, new CompleteExecution(output, null, null, null));
        } else {
            plane.executions().fail(actor, runId, new FailExecution(outcome.reason(), output, null, null, null));
        }
    }

    @Override
    public RunSummary get(String runId) {
        return RunEvents.summary(plane.executions().get(actor, runId));
    }

    @Override
    public List<RunSummary> list(String team, int limit) {
        List<RunSummary> runs = new ArrayList<>();
        for (Execution execution : plane.executions().list(actor, new ExecutionFilter(team == null ? null : RunWorkflow.name(team),
                null, null, null, null), PageRequest.first(Math.min(limit * 4, PageRequest.MAX_LIMIT))).items()) {
            if (execution.workflowName().startsWith(WORKFLOW_PREFIX) && runs.size() < limit) {
                runs.add(RunEvents.summary(execution));
            }
        }
        return runs;
    }

    /** The run's events are the execution's events of type {@code team.*}, in order. */
    private final class Journal implements RunJournal {
        private final String executionId;

        Journal(String executionId) {
            this.executionId = executionId;
        }

        @Override
        public void append(RunEvent event) {
            NewExecutionEvent recorded = RunEvents.toExecutionEvent(event);
            plane.events().record(actor, executionId, recorded);
        }

        @Override
        public List<RunEvent> events() {
            List<RunEvent> events = new ArrayList<>();
            long after = 0;
            while (true) {
                List<Event> page = plane.events().after(actor, executionId, after, PAGE);
                for (Event event : page) {
                    RunEvents.fromExecutionEvent(event.type(), event.data()).ifPresent(events::add);
                    after = event.seq();
                }
                if (page.size() < PAGE) {
                    return events;
                }
            }
        }
    }

}
