package dev.agentplane.teams.run;

import dev.agentplane.llm.Models;
import dev.agentplane.teams.definition.AgentDefinition;
import dev.agentplane.teams.definition.TeamDefinition;
import dev.agentplane.teams.tools.AgentTool;
import dev.agentplane.teams.tools.ToolContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * What every turn of one run shares: the team, the models, the journal and its replay, the listener, the tools
 * of each agent, the memories agents start with, and the team's step budget.
 */
final class RunContext {
    final String runId;
    final TeamDefinition team;
    final String task;
    final Models models;
    final RunJournal journal;
    final Replay replay;
    final RunListener listener;
    final Function<AgentDefinition, List<AgentTool>> toolsOf;
    final ToolContext toolContext;
    final Map<String, String> memories;
    private final java.util.function.BooleanSupplier stillWanted;
    private final AtomicInteger steps = new AtomicInteger();

    RunContext(String runId, TeamDefinition team, String task, Models models, RunJournal journal, RunListener listener,
               Function<AgentDefinition, List<AgentTool>> toolsOf, ToolContext toolContext, Map<String, String> memories,
               java.util.function.BooleanSupplier stillWanted) {
        this.runId = runId;
        this.team = team;
        this.task = task;
        this.models = models;
        this.journal = journal;
        this.replay = new Replay(journal.events());
        this.listener = listener;
        this.toolsOf = toolsOf;
        this.toolContext = toolContext;
        this.memories = Map.copyOf(memories);
        this.stillWanted = stillWanted;
    }

    /** Stops the run when it is no longer wanted here (its step was cancelled or taken over). */
    void checkWanted() {
        if (!stillWanted.getAsBoolean()) {
            throw new RunStopped();
        }
    }

    /**
     * The number of the turn the run's logic creates at {@code key} (e.g. {@code seq/1}, {@code delegate/3/7/c1}): the
     * recorded one on resume, whatever turns were skipped because their results were replayed.
     */
    int turn(String key) {
        return replay.turn(key);
    }

    /** Counts one model call against the team's max_steps; a run past it fails with the reason. */
    int takeStep(String agent) {
        int step = steps.incrementAndGet();
        if (step > team.maxSteps()) {
            throw new RunFailure("the team's max_steps (" + team.maxSteps() + ") was reached while " + agent
                    + " was still working");
        }
        return step;
    }

    /** Journals an event that happened now, and tells the listener. */
    void record(RunEvent event) {
        try {
            journal.append(event);
        } catch (RuntimeException e) {
            throw new JournalFailure(e);
        }
        listener.on(event);
    }

    AgentDefinition agent(String name) {
        return team.agent(name).orElseThrow(() -> new RunFailure("team " + team.name() + " has no agent '" + name + "'"));
    }
}
