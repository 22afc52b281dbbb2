package dev.agentplane.teams.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.AgentPlane;
import dev.agentplane.common.Json;
import dev.agentplane.executions.Usage;
import dev.agentplane.executions.engine.StepFailure;
import dev.agentplane.executions.engine.TeamSteps;
import dev.agentplane.llm.Models;
import dev.agentplane.teams.definition.AgentDefinition;
import dev.agentplane.teams.definition.TeamCatalog;
import dev.agentplane.teams.definition.TeamDefinition;
import dev.agentplane.teams.definition.TeamFile;
import dev.agentplane.teams.definition.TeamProcess;
import dev.agentplane.teams.record.LocalRunRecords;
import dev.agentplane.teams.tools.ToolContext;
import dev.agentplane.teams.tools.controlplane.EscalationApprovals;
import dev.agentplane.teams.tools.controlplane.LocalControlPlane;
import dev.agentplane.tenancy.Actor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs teams for {@code agent} workflow steps on this server: teams from the server's teams directory, models from
 * its configuration, each run recorded as a {@code team.<team>} execution of the step's organization (so a re-claimed
 * step resumes it), tools working in {@code <workspaces>/<run id>}, Terraform applies approved by a person through
 * an escalation.
 */
public final class EngineTeamSteps implements TeamSteps {
    static final Duration APPROVAL_WAIT = Duration.ofHours(24);
    private final AgentPlane plane;
    private final Path teamsDir;
    private final Models models;
    private final Path workspaces;

    public EngineTeamSteps(AgentPlane plane, Path teamsDir, Models models, Path workspaces) {
        this.plane = plane;
        this.teamsDir = teamsDir;
        this.models = models;
        this.workspaces = workspaces;
    }

    @Override
    public String prepare(String orgId, String stepRunId, String team, String agent, String task) {
        if (models.isEmpty()) {
            throw new StepFailure("agent.unavailable", "no model is configured on this server: add a models: section to its "
                    + "config file (docs/llm.md)", false);
        }
        TeamDefinition definition = definition(team, agent);
        return new LocalRunRecords(plane, Actor.system(orgId)).startForStep(stepRunId, definition.name(), task);
    }

    @Override
    public Result run(String orgId, String runId, String team, String agent, String task, JsonNode with,
                      java.util.function.BooleanSupplier stillWanted) throws InterruptedException {
        TeamDefinition definition = definition(team, agent);
        Actor actor = Actor.system(orgId);
        LocalRunRecords records = new LocalRunRecords(plane, actor);
        LocalControlPlane controlPlane = new LocalControlPlane(plane, actor);
        String instructions = with == null || with.isNull() || with.isEmpty() ? task : task + "\n\nInput:\n" + Json.write(with);
        try (TeamToolbox toolbox = TeamToolbox.open(definition, controlPlane, new EscalationApprovals(controlPlane, APPROVAL_WAIT))) {
            Path workspace = Files.createDirectories(workspaces.resolve(runId));
            RunOutcome outcome = new TeamRunner(models, toolbox::toolsOf, controlPlane).run(runId, definition, instructions,
                    records.journal(runId), new ToolContext(workspace, runId, null, Duration.ofMinutes(30)), RunListener.NONE,
                    stillWanted);
            records.finish(runId, outcome);
            JsonNode output = Json.object().put("run_id", runId).put("status", outcome.status()).put("result", outcome.result())
                    .put("steps", outcome.steps());
            Usage usage = new Usage(outcome.tokensIn(), outcome.tokensOut(),
                    outcome.costUsd() == null ? null : outcome.costUsd().doubleValue());
            return new Result(output, outcome.completed() ? null : outcome.reason(), usage);
        } catch (RunStopped stopped) {
            // Cancelled (the run was cancelled with its parent) or taken over: whoever holds the step now goes on.
            return new Result(null, stopped.getMessage(), null);
        } catch (IllegalArgumentException invalidSettings) {
            throw new StepFailure("agent.invalid", invalidSettings.getMessage(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the run's workspace", e);
        }
    }

    /** The team, or — for {@code agent: <name>} — that agent alone, from the team that defines it. */
    private TeamDefinition definition(String team, String agent) {
        TeamCatalog catalog;
        try {
            catalog = TeamCatalog.scan(teamsDir);
        } catch (IOException e) {
            throw new StepFailure("agent.unavailable", "this server has no readable teams directory " + teamsDir
                    + " (setting teams_dir)", false);
        }
        if (team != null) {
            TeamFile file = catalog.find(team).orElseThrow(() -> new StepFailure("agent.unknown", "there is no team '" + team
                    + "' in " + teamsDir + "; the teams are " + catalog.teams().stream().map(TeamFile::name).toList(), false));
            if (file instanceof TeamFile.Invalid invalid) {
                throw new StepFailure("agent.invalid", "team file " + invalid.file() + " is invalid: " + invalid.errors(), false);
            }
            return file.orThrow();
        }
        List<TeamDefinition> owners = catalog.teams().stream().map(TeamFile.Valid::team)
                .filter(t -> t.agent(agent).isPresent()).toList();
        if (owners.size() != 1) {
            throw new StepFailure("agent.unknown", owners.isEmpty() ? "no team in " + teamsDir + " has an agent named '" + agent + "'"
                    : "several teams have an agent named '" + agent + "': name the team with team: instead", false);
        }
        TeamDefinition owner = owners.getFirst();
        AgentDefinition alone = owner.agent(agent).orElseThrow();
        return new TeamDefinition(owner.name(), owner.description(), owner.version(), owner.maxSteps(), owner.model(),
                owner.config(), List.of(alone), TeamProcess.SEQUENTIAL, owner.mcpServers(), owner.memory(), owner.tools(), null, null);
    }
}
