package dev.agentplane.teams.run;

import dev.agentplane.teams.definition.AgentDefinition;
import java.util.stream.Collectors;

/** What an agent is told about itself, its team and what it remembers from earlier runs. */
final class Prompts {
    private Prompts() {}

    static String system(RunContext run, AgentDefinition agent) {
        StringBuilder prompt = new StringBuilder();
        if (agent.systemPrompt() != null && !agent.systemPrompt().isBlank()) {
            prompt.append(agent.systemPrompt().strip()).append("\n\n");
        }
        prompt.append("You are ").append(agent.name());
        if (agent.role() != null) {
            prompt.append(", ").append(agent.role());
        }
        prompt.append(", in the team ").append(run.team.name()).append('.');
        if (agent.description() != null) {
            prompt.append(' ').append(agent.description().strip());
        }
        if (run.team.agents().size() > 1) {
            prompt.append("\nThe team: ").append(run.team.agents().stream()
                    .map(member -> member.name() + (member.role() == null ? "" : " (" + member.role() + ")"))
                    .collect(Collectors.joining(", "))).append('.');
        }
        String memory = run.memories.get(agent.name());
        if (memory != null && !memory.isBlank()) {
            prompt.append("\n\nWhat you learned in earlier runs of this team:\n").append(memory.strip());
        }
        prompt.append("\n\nWhen you are done, answer in plain text with your result (no tool call).");
        return prompt.toString();
    }

    static String router(RunContext run) {
        return "You route a task to the member of the team " + run.team.name() + " best suited to start it. The members:\n"
                + run.team.agents().stream().map(member -> "- " + member.name()
                        + (member.role() == null ? "" : " (" + member.role() + ")")
                        + (member.description() == null ? "" : ": " + member.description().strip()))
                .collect(Collectors.joining("\n"))
                + "\nCall handover with that member and a message saying what to do first. Do not do the task yourself.";
    }

    static String handedOver(String task, String from, String message) {
        return "Task: " + task + "\n\n" + from + " handed the work over to you:\n" + message;
    }

    static String after(String task, String previousAgent, String previousResult) {
        return "Task: " + task + "\n\n" + previousAgent + " worked on it before you and concluded:\n" + previousResult;
    }
}
