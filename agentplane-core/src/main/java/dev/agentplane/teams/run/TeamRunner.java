package dev.agentplane.teams.run;

import dev.agentplane.llm.LlmException;
import dev.agentplane.llm.Models;
import dev.agentplane.teams.definition.AgentDefinition;
import dev.agentplane.teams.definition.TeamDefinition;
import dev.agentplane.teams.tools.AgentTool;
import dev.agentplane.teams.tools.ToolContext;
import dev.agentplane.teams.tools.controlplane.ControlPlane;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs a team on a task by its process — router, sequential, parallel or hierarchical — journaling every model
 * answer and tool call as it happens, so a run given its own journal back resumes where it stopped.
 */
public final class TeamRunner {
    private final Models models;
    private final Function<AgentDefinition, List<AgentTool>> toolsOf;
    private final Memory memory;

    /** {@code controlPlane} keeps the memories of agents with {@code memory: true}; null keeps none. */
    public TeamRunner(Models models, Function<AgentDefinition, List<AgentTool>> toolsOf, ControlPlane controlPlane) {
        this.models = models;
        this.toolsOf = toolsOf;
        this.memory = new Memory(models, controlPlane);
    }

    public RunOutcome run(String runId, TeamDefinition team, String task, RunJournal journal, ToolContext tools,
                          RunListener listener) throws InterruptedException {
        return run(runId, team, task, journal, tools, listener, () -> true);
    }

    /**
     * As above, checking {@code stillWanted} before each model call and tool call; when it turns false the run stops
     * where it is and {@link RunStopped} is thrown (another worker may be resuming it).
     */
    public RunOutcome run(String runId, TeamDefinition team, String task, RunJournal journal, ToolContext tools,
                          RunListener listener, java.util.function.BooleanSupplier stillWanted) throws InterruptedException {
        List<RunEvent> recorded = journal.events();
        String definition = digest(team);
        if (recorded.isEmpty()) {
            record(journal, listener, new RunEvent.RunStarted(team.name(), task, team.process().wireName(), definition));
        } else if (!(recorded.getFirst() instanceof RunEvent.RunStarted started) || !started.team().equals(team.name())
                || !started.task().equals(task)) {
            throw new IllegalArgumentException("run " + runId + " is not a run of team " + team.name() + " on this task");
        } else if (!definition.equals(started.definition())) {
            throw new IllegalArgumentException("team " + team.name() + " changed since run " + runId + " started (its file "
                    + "was edited): a run resumes only with the team it started with; start a new run instead");
        }
        for (RunEvent event : recorded) {
            if (event instanceof RunEvent.RunEnded ended) {
                return Totals.outcome(recorded, ended); // nothing left to do
            }
        }
        RunContext run = new RunContext(runId, team, task, models, journal, listener, toolsOf, tools, memory.load(team),
                stillWanted);
        RunEvent.RunEnded ended;
        try {
            String result = switch (team.process()) {
                case ROUTER -> router(run);
                case SEQUENTIAL -> sequential(run);
                case PARALLEL -> parallel(run);
                case HIERARCHICAL -> hierarchical(run);
            };
            memory.save(run);
            ended = new RunEvent.RunEnded(RunOutcome.COMPLETED, result, null);
        } catch (RunFailure failure) {
            ended = new RunEvent.RunEnded(RunOutcome.FAILED, null, failure.getMessage());
        } catch (LlmException modelFailed) {
            ended = new RunEvent.RunEnded(RunOutcome.FAILED, null, "the model failed: " + modelFailed.getMessage());
        } catch (RunStopped stopped) {
            throw stopped;
        } catch (JournalFailure lost) {
            throw lost.getCause() instanceof RuntimeException cause ? cause : lost; // nothing can be recorded: resume later
        } catch (RuntimeException unexpected) {
            ended = new RunEvent.RunEnded(RunOutcome.FAILED, null, "the run stopped on an unexpected error: " + unexpected);
        }
        record(journal, listener, ended);
        return Totals.outcome(journal.events(), ended);
    }

    /** A digest of the team's definition as read, so a resume can tell that the file changed. */
    static String digest(TeamDefinition team) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(dev.agentplane.common.Json.write(team).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void record(RunJournal journal, RunListener listener, RunEvent event) {
        journal.append(event);
        listener.on(event);
    }

    private AgentTurn turn(RunContext run, String key, AgentDefinition agent, String instructions, List<ControlTool> controls,
                           AgentTurn.Delegation delegation) {
        return new AgentTurn(run, key, agent, instructions, toolsOf.apply(agent), controls, delegation);
    }

    /** A model picks the first member (when there is a choice); members hand over until one answers. */
    private String router(RunContext run) throws InterruptedException {
        AgentDefinition current = run.team.agents().getFirst();
        String instructions = run.task;
        if (run.team.agents().size() > 1) {
            AgentDefinition router = new AgentDefinition("router", "router", null, null, List.of(), run.team.model(), 3, false);
            RunEvent.TurnEnded routed = new AgentTurn(run, "route", router, run.task, List.of(), List.of(ControlTool.HANDOVER),
                    null).withSystemPrompt(Prompts.router(run)).run();
            if (routed.handoverTo() != null) {
                current = run.agent(routed.handoverTo());
                instructions = Prompts.handedOver(run.task, "The router", routed.result());
            }
        }
        String key = "start";
        while (true) {
            RunEvent.TurnEnded ended = turn(run, key, current, instructions, List.of(ControlTool.HANDOVER), null).run();
            if (ended.handoverTo() == null) {
                return ended.result();
            }
            key = "handover/" + ended.turn();
            instructions = Prompts.handedOver(run.task, current.name(), ended.result());
            current = run.agent(ended.handoverTo());
        }
    }

    /** Each member in order, reading the previous member's result; the last one's answer is the run's. */
    private String sequential(RunContext run) throws InterruptedException {
        String result = null;
        String previous = null;
        for (AgentDefinition agent : run.team.agents()) {
            String instructions = previous == null ? run.task : Prompts.after(run.task, previous, result);
            result = turn(run, "seq/" + agent.name(), agent, instructions, List.of(), null).run().result();
            previous = agent.name();
        }
        return result;
    }

    /** The members work at once; the merge agent combines what they found. */
    private String parallel(RunContext run) throws InterruptedException {
        AgentDefinition merger = run.agent(run.team.mergeAgent());
        List<AgentDefinition> workers = run.team.agents().stream().filter(a -> !a.name().equals(merger.name())).toList();
        List<AgentTurn> turns = workers.stream().map(agent -> turn(run, "member/" + agent.name(), agent, run.task, List.of(), null))
                .toList();
        Map<String, String> results = Parallel.run(workers, turns);
        StringBuilder merge = new StringBuilder("Task: ").append(run.task).append("\n\nWhat the members found:");
        results.forEach((agent, result) -> merge.append("\n\n## ").append(agent).append('\n').append(result));
        merge.append("\n\nCombine their work into one answer.");
        return turn(run, "merge", merger, merge.toString(), List.of(), null).run().result();
    }

    /** The manager delegates subtasks to members (each a turn of its own) and answers when satisfied. */
    private String hierarchical(RunContext run) throws InterruptedException {
        AgentDefinition manager = run.agent(run.team.manager());
        AgentTurn.Delegation delegation = (origin, agent, subtask) ->
                turn(run, "delegate/" + origin, run.agent(agent), "Subtask from " + manager.name() + ": " + subtask
                        + "\n\n(The whole task: " + run.task + ")", List.of(), null).run().result();
        return turn(run, "manager", manager, run.task, List.of(ControlTool.DELEGATE), delegation).run().result();
    }

}
