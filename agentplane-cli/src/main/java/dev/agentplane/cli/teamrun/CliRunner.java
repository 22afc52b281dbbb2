package dev.agentplane.cli.teamrun;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import dev.agentplane.common.problems.ProblemException;
import dev.agentplane.interpret.LlmModelExtractor;
import dev.agentplane.llm.LlmConfig;
import dev.agentplane.llm.LlmConfigException;
import dev.agentplane.llm.Models;
import dev.agentplane.teams.definition.TeamCatalog;
import dev.agentplane.teams.definition.TeamDefinition;
import dev.agentplane.teams.definition.TeamFile;
import dev.agentplane.teams.record.RunRecords;
import dev.agentplane.teams.tools.controlplane.EscalationApprovals;
import dev.agentplane.teams.tools.terraform.TerraformApprovals;
import dev.agentplane.teams.record.RunSummary;
import dev.agentplane.teams.run.RunListener;
import dev.agentplane.teams.run.RunOutcome;
import dev.agentplane.teams.run.TeamRunner;
import dev.agentplane.teams.run.TeamToolbox;
import dev.agentplane.teams.tools.ToolContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs (or resumes) a team from the command line against the embedded store: finds the team, reads the models,
 * builds the tools, records the run as it goes and prints its progress. Exit codes: 0 completed, 1 the task
 * failed, 2 the configuration is wrong (nothing ran).
 */
public final class CliRunner {
    /** How long one tool call may take at most, whatever a tool's own settings say. */
    static final Duration TOOL_CALL_LIMIT = Duration.ofMinutes(30);
    /** How long an apply waits for a person's approval through the server. */
    static final Duration APPROVAL_WAIT = Duration.ofHours(24);
    private final TeamRunSettings settings;
    private final PrintWriter out;
    private final PrintWriter err;

    public CliRunner(TeamRunSettings settings, PrintWriter out, PrintWriter err) {
        this.settings = settings;
        this.out = out;
        this.err = err;
    }

    public int run(String teamName, String task) throws InterruptedException {
        return execute(teamName, task, null);
    }

    public int resume(String runId) throws InterruptedException {
        return execute(null, null, runId);
    }

    private int execute(String teamName, String task, String resumeId) throws InterruptedException {
        Models models;
        try {
            models = models();
        } catch (ConfigurationError e) {
            return fail(e.getMessage());
        }
        try (RunStore backend = RunStore.open(settings, new LlmModelExtractor(models))) {
            RunRecords records = backend.records();
            if (resumeId != null) {
                RunSummary summary = records.get(resumeId);
                if (!summary.status().equals("running")) {
                    return report(summary.id(), summary, null);
                }
                teamName = summary.team();
                task = summary.task();
            }
            TeamDefinition team = team(teamName);
            TerraformApprovals approvals = settings.terminal() || settings.server() == null ? ConsoleApprovals.forThisProcess()
                    : new EscalationApprovals(backend.controlPlane(), APPROVAL_WAIT);
            try (TeamToolbox toolbox = TeamToolbox.open(team, backend.controlPlane(), approvals)) {
                Path workspace = Files.createDirectories(settings.workspace());
                String runId = resumeId != null ? resumeId : records.start(team.name(), task);
                RunListener listener = settings.json() ? RunListener.NONE : new Progress(out, settings.terminal());
                RunOutcome outcome;
                try {
                    outcome = new TeamRunner(models, toolbox::toolsOf, backend.controlPlane()).run(runId, team, task,
                            records.journal(runId), new ToolContext(workspace.toAbsolutePath(), runId, null, TOOL_CALL_LIMIT),
                            listener);
                    records.finish(runId, outcome);
                } catch (RuntimeException stopped) { // the store or server went away mid-run: what was recorded stays
                    err.println("agentplane run: run " + runId + " stopped before it ended: " + stopped.getMessage()
                            + "\ncontinue it with: agentplane runs resume " + runId);
                    err.flush();
                    return 1;
                }
                return report(runId, records.get(runId), outcome);
            }
        } catch (ConfigurationError | IllegalArgumentException | ProblemException | dev.agentplane.client.AgentPlaneException
                 | java.io.UncheckedIOException e) {
            return fail(e.getMessage());
        } catch (IOException e) {
            return fail("cannot use " + e.getMessage());
        }
    }

    private Models models() {
        Path file = settings.config() != null ? settings.config() : Path.of("config.yaml");
        if (!Files.exists(file)) {
            throw new ConfigurationError("no " + file + ": a team run needs a model; create it with a models: section "
                    + "(docs/llm.md), or pass --config");
        }
        LlmConfig config;
        try {
            config = LlmConfig.parse(Json.YAML.readTree(Files.readString(file)), System.getenv());
        } catch (LlmConfigException | IOException e) {
            throw new ConfigurationError(file + ": " + e.getMessage());
        }
        if (config.providers().isEmpty()) {
            throw new ConfigurationError(file + " configures no model: add a models: section (docs/llm.md)");
        }
        return Models.create(config);
    }

    private TeamDefinition team(String name) {
        TeamCatalog catalog;
        try {
            catalog = TeamCatalog.scan(settings.teamsDir());
        } catch (NoSuchFileException e) {
            throw new ConfigurationError("there is no teams directory " + settings.teamsDir() + " (--teams-dir)");
        } catch (IOException e) {
            throw new ConfigurationError("cannot read " + settings.teamsDir() + ": " + e.getMessage());
        }
        TeamFile file = catalog.find(name).orElseThrow(() -> new ConfigurationError("there is no team '" + name + "' in "
                + settings.teamsDir() + "; the teams are " + catalog.teams().stream().map(TeamFile::name).toList()));
        if (file instanceof TeamFile.Invalid invalid) {
            throw new ConfigurationError(String.join("\n", invalid.errors().stream().map(Object::toString).toList()));
        }
        return file.orThrow();
    }

    private int report(String runId, RunSummary summary, RunOutcome outcome) {
        boolean completed = summary.status().equals("completed");
        if (settings.json()) {
            ObjectNode json = Json.MAPPER.valueToTree(summary);
            json.put("run_id", runId);
            if (outcome != null) {
                json.put("steps", outcome.steps());
            }
            out.println(Json.write(json));
        } else if (completed) {
            out.println();
            out.println(summary.result());
            out.println("(run " + runId + ": " + summary.tokensIn() + " tokens in, " + summary.tokensOut() + " out, $"
                    + java.math.BigDecimal.valueOf(summary.costUsd()).setScale(6, java.math.RoundingMode.HALF_UP)
                    .stripTrailingZeros().toPlainString() + ")");
        } else {
            err.println("agentplane run: run " + runId + " " + summary.status() + ": " + summary.error());
        }
        out.flush();
        err.flush();
        return completed ? 0 : 1;
    }

    private int fail(String message) {
        if (settings.json()) { // CI reads standard output: say it there too
            out.println(Json.write(Json.object().put("status", "invalid").put("error", message)));
            out.flush();
        }
        err.println("agentplane run: " + message);
        err.flush();
        return 2;
    }

    /** A mistake in the team, the config or the flags: exit code 2. */
    public static final class ConfigurationError extends RuntimeException {
        ConfigurationError(String message) {
            super(message);
        }
    }
}
