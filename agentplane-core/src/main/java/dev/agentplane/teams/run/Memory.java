package dev.agentplane.teams.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.llm.ChatMessage;
import dev.agentplane.llm.ChatRequest;
import dev.agentplane.llm.Models;
import dev.agentplane.teams.definition.AgentDefinition;
import dev.agentplane.teams.definition.TeamDefinition;
import dev.agentplane.teams.tools.controlplane.ControlPlane;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What agents with {@code memory: true} remember between runs: after a completed run each such agent that worked
 * summarizes what it learned; the summary is kept in state (namespace {@code memory}, key {@code <team>:<agent>}) and
 * given to it next time.
 */
final class Memory {
    static final String NAMESPACE = dev.agentplane.teams.tools.controlplane.ControlPlaneTools.MEMORY_NAMESPACE;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Memory.class);
    private final Models models;
    private final ControlPlane controlPlane;

    Memory(Models models, ControlPlane controlPlane) {
        this.models = models;
        this.controlPlane = controlPlane;
    }

    /** {@code <team>:<agent>}, with characters state keys do not allow (spaces in agent names) made '-'. */
    static String key(TeamDefinition team, AgentDefinition agent) {
        return (team.name() + ":" + agent.name()).replaceAll("[^A-Za-z0-9._:@-]", "-");
    }

    Map<String, String> load(TeamDefinition team) {
        Map<String, String> memories = new HashMap<>();
        if (controlPlane != null) {
            for (AgentDefinition agent : team.agents()) {
                if (agent.memory()) {
                    controlPlane.getState(NAMESPACE, key(team, agent)).map(Memory::text)
                            .ifPresent(text -> memories.put(agent.name(), text));
                }
            }
        }
        return memories;
    }

    void save(RunContext run) throws InterruptedException {
        if (controlPlane == null) {
            return;
        }
        for (AgentDefinition agent : run.team.agents()) {
            List<String> results = run.journal.events().stream()
                    .filter(e -> e instanceof RunEvent.TurnEnded ended && ended.agent().equals(agent.name()))
                    .map(e -> ((RunEvent.TurnEnded) e).result()).toList();
            if (agent.memory() && !results.isEmpty()) {
                try {
                    String summary = summarize(run, agent, results);
                    controlPlane.setState(NAMESPACE, key(run.team, agent), dev.agentplane.common.Json.object()
                            .put("summary", summary).put("run_id", run.runId));
                } catch (RuntimeException notKept) {
                    // The run's work is done; a memory that could not be written must not undo it.
                    LOG.warn("agent {} of team {} keeps no memory of run {}: {}", agent.name(), run.team.name(), run.runId,
                            notKept.toString());
                }
            }
        }
    }

    private String summarize(RunContext run, AgentDefinition agent, List<String> results) throws InterruptedException {
        String earlier = Optional.ofNullable(run.memories.get(agent.name())).orElse("(nothing yet)");
        String prompt = "You are " + agent.name() + " of team " + run.team.name() + ". Task of this run: " + run.task
                + "\nYour results:\n" + results.stream().collect(Collectors.joining("\n---\n"))
                + "\nWhat you remembered before:\n" + earlier
                + "\n\nWrite at most 8 short bullet points of what you learned about this environment that will help in "
                + "future runs (facts, names, pitfalls), merging what you remembered before. No preamble.";
        return models.chat(ChatRequest.of(agent.model() == null ? null : agent.model().toString(),
                List.of(ChatMessage.user(prompt)))).text();
    }

    private static String text(JsonNode stored) {
        return stored.path("summary").asText(stored.isTextual() ? stored.asText() : stored.toString());
    }
}
