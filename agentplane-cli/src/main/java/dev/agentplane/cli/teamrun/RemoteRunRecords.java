package dev.agentplane.cli.teamrun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import dev.agentplane.teams.record.RunEvents;
import dev.agentplane.teams.record.RunRecords;
import dev.agentplane.teams.record.RunSummary;
import dev.agentplane.teams.record.RunWorkflow;
import dev.agentplane.teams.run.RunEvent;
import dev.agentplane.teams.run.RunJournal;
import dev.agentplane.teams.run.RunOutcome;
import java.util.ArrayList;
import java.util.List;

/**
 * Team runs recorded on a remote AgentPlane server over its API: the same executions of {@code team.<team>} and
 * events as the embedded store, so the server's audit log, usage and streams see them.
 */
final class RemoteRunRecords implements RunRecords {
    private static final int PAGE = 200;
    private final ServerClient server;

    RemoteRunRecords(ServerClient server) {
        this.server = server;
    }

    @Override
    public String start(String team, String task) {
        String workflow = RunWorkflow.name(team);
        if (server.get("/v1/workflows/" + ServerClient.encode(workflow)) == null) {
            server.postYaml("/v1/workflows", RunWorkflow.definition(team));
        }
        return server.post("/v1/executions", Json.object().put("workflow", workflow)
                .set("input", Json.object().put("task", task))).path("id").asText();
    }

    @Override
    public RunJournal journal(String runId) {
        return new RunJournal() {
            @Override
            public void append(RunEvent event) {
                server.post("/v1/executions/" + runId + "/events", Json.MAPPER.valueToTree(RunEvents.toExecutionEvent(event)));
            }

            @Override
            public List<RunEvent> events() {
                List<RunEvent> events = new ArrayList<>();
                long after = 0;
                while (true) {
                    JsonNode page = server.get("/v1/executions/" + runId + "/events?limit=" + PAGE + "&after_seq=" + after);
                    for (JsonNode event : page.path("items")) {
                        RunEvents.fromExecutionEvent(event.path("type").asText(), event.get("data")).ifPresent(events::add);
                        after = event.path("seq").asLong();
                    }
                    if (page.path("items").size() < PAGE) {
                        return events;
                    }
                }
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
            server.post("/v1/executions/" + runId + "/complete", Json.object().set("output", output));
        } else {
            server.post("/v1/executions/" + runId + "/fail", Json.object().put("error", outcome.reason()).set("output", output));
        }
    }

    @Override
    public RunSummary get(String runId) {
        JsonNode execution = server.get("/v1/executions/" + runId);
        if (execution == null || !execution.path("workflow_name").asText().startsWith(WORKFLOW_PREFIX)) {
            throw new CliRunner.ConfigurationError("there is no team run " + runId + " on the server");
        }
        return RunEvents.summary(execution);
    }

    @Override
    public List<RunSummary> list(String team, int limit) {
        String path = "/v1/executions?limit=" + Math.min(limit * 4, PAGE) + (team == null ? "" : "&workflow="
                + ServerClient.encode(RunWorkflow.name(team)));
        List<RunSummary> runs = new ArrayList<>();
        for (JsonNode execution : server.get(path).path("items")) {
            if (execution.path("workflow_name").asText().startsWith(WORKFLOW_PREFIX) && runs.size() < limit) {
                runs.add(RunEvents.summary(execution));
            }
        }
        return runs;
    }
}
