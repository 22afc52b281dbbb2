package dev.agentplane.teams.run;

import dev.agentplane.llm.ChatMessage;
import dev.agentplane.llm.ChatRequest;
import dev.agentplane.llm.ChatResponse;
import dev.agentplane.llm.ToolCall;
import dev.agentplane.llm.ToolDefinition;
import dev.agentplane.teams.definition.AgentDefinition;
import dev.agentplane.teams.tools.AgentTool;
import dev.agentplane.teams.tools.ToolContext;
import dev.agentplane.teams.tools.ToolResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One agent's stretch of work: it is asked {@code instructions}, calls tools until it answers in plain text (or
 * hands over), within its own max_steps and the team's. Every model answer and tool result is journaled as it
 * happens; on resume, recorded answers and finished tool results are replayed instead of repeated.
 */
final class AgentTurn {
    /** Runs a nested turn for {@code delegate}: the member's answer to a subtask. */
    interface Delegation {
        String delegate(String agent, String subtask) throws InterruptedException;
    }

    private final RunContext run;
    private final AgentDefinition agent;
    private final int turn;
    private final String instructions;
    private final List<ControlTool> controls;
    private final Delegation delegation;
    private final Map<String, AgentTool> tools = new LinkedHashMap<>();
    private String systemPrompt;

    AgentTurn(RunContext run, AgentDefinition agent, String instructions, List<AgentTool> tools, List<ControlTool> controls,
              Delegation delegation) {
        this.run = run;
        this.agent = agent;
        this.turn = run.nextTurn();
        this.instructions = instructions;
        this.controls = controls;
        this.delegation = delegation;
        tools.forEach(tool -> this.tools.put(tool.name(), tool));
    }

    /** The router's turn speaks as the router, not as a member. */
    AgentTurn withSystemPrompt(String prompt) {
        this.systemPrompt = prompt;
        return this;
    }

    RunEvent.TurnEnded run() throws InterruptedException {
        if (systemPrompt == null) {
            systemPrompt = Prompts.system(run, agent);
        }
        Optional<RunEvent.TurnEnded> ended = run.replay.ending(turn);
        if (ended.isPresent()) {
            return ended.get(); // finished before the run was interrupted
        }
        if (!startedBefore()) {
            run.record(new RunEvent.TurnStarted(turn, agent.name(), instructions));
        }
        List<ChatMessage> messages = new ArrayList<>(List.of(ChatMessage.system(systemPrompt),
                ChatMessage.user(instructions)));
        for (int step = 1; ; step++) {
            if (step > agent.maxSteps()) {
                throw new RunFailure(agent.name() + " reached its max_steps (" + agent.maxSteps() + ") without a final answer");
            }
            RunEvent.ModelAnswered answer = answer(messages, step);
            if (answer.toolCalls().isEmpty()) {
                return end(answer.text() == null ? "" : answer.text(), null);
            }
            messages.add(new ChatMessage.AssistantMessage(answer.text(), answer.toolCalls()));
            for (ToolCall call : answer.toolCalls()) {
                ControlTool control = ControlTool.named(call.name());
                if (control == ControlTool.HANDOVER && controls.contains(control)) {
                    Optional<String> refused = refusedHandover(control.agent(call.arguments()));
                    if (refused.isEmpty()) {
                        finishTool(call, "handed over to " + control.agent(call.arguments()), false);
                        return end(control.text(call.arguments()), control.agent(call.arguments()));
                    }
                    messages.add(ChatMessage.toolResult(call, finishTool(call, refused.get(), true).content()));
                    continue;
                }
                messages.add(ChatMessage.toolResult(call, result(call, control).content()));
            }
        }
    }

    /** A replayed TurnStarted is not journaled twice: the turn started if any of its events were recorded. */
    private boolean startedBefore() {
        return run.journal.events().stream().anyMatch(e -> e instanceof RunEvent.TurnStarted started && started.turn() == turn);
    }

    private RunEvent.ModelAnswered answer(List<ChatMessage> messages, int step) throws InterruptedException {
        Optional<RunEvent.ModelAnswered> recorded = run.replay.nextAnswer(turn);
        int teamStep = run.takeStep(agent.name());
        if (recorded.isPresent()) {
            return recorded.get();
        }
        ChatRequest request = ChatRequest.of(agent.model() == null ? null : agent.model().toString(), messages)
                .withTools(definitions())
                .withTemperature(agent.model() == null ? null : agent.model().temperature());
        ChatResponse response = run.models.chat(request);
        RunEvent.ModelAnswered answer = new RunEvent.ModelAnswered(turn, agent.name(), teamStep, response.text(),
                response.toolCalls(), response.usage().inputTokens(), response.usage().outputTokens(), response.costUsd(),
                response.model());
        run.record(answer);
        return answer;
    }

    private List<ToolDefinition> definitions() {
        List<ToolDefinition> definitions = new ArrayList<>();
        tools.values().forEach(tool -> definitions.add(new ToolDefinition(tool.name(), tool.description(), tool.parameters())));
        List<String> others = run.team.agents().stream().map(AgentDefinition::name).filter(n -> !n.equals(agent.name())).toList();
        if (!others.isEmpty()) {
            controls.forEach(control -> definitions.add(control.definition(others)));
        }
        return definitions;
    }

    private ToolResult result(ToolCall call, ControlTool control) throws InterruptedException {
        Optional<RunEvent.ToolFinished> recorded = run.replay.toolResult(turn, call.id());
        if (recorded.isPresent()) {
            return new ToolResult(recorded.get().content(), recorded.get().error(), null);
        }
        run.record(new RunEvent.ToolStarted(turn, agent.name(), call.id(), call.name(), call.arguments()));
        ToolResult result;
        if (control == ControlTool.DELEGATE && controls.contains(control)) {
            Optional<String> refused = refusedHandover(control.agent(call.arguments()));
            result = refused.isPresent() ? ToolResult.error(refused.get())
                    : ToolResult.ok(delegation.delegate(control.agent(call.arguments()), control.text(call.arguments())));
        } else {
            AgentTool tool = tools.get(call.name());
            result = tool == null ? ToolResult.error("there is no tool named '" + call.name() + "'; your tools are "
                    + tools.keySet()) : tool.run(call.arguments() == null ? dev.agentplane.common.Json.object() : call.arguments(),
                    new ToolContext(run.toolContext.workspace(), run.toolContext.runId(), agent.name(), run.toolContext.timeout()));
        }
        return finishTool(call, result.content(), result.error());
    }

    private ToolResult finishTool(ToolCall call, String content, boolean error) {
        run.record(new RunEvent.ToolFinished(turn, agent.name(), call.id(), call.name(), content, error));
        return new ToolResult(content, error, null);
    }

    private Optional<String> refusedHandover(String to) {
        if (to.equals(agent.name())) {
            return Optional.of("you cannot hand work to yourself; name another member");
        }
        if (run.team.agent(to).isEmpty()) {
            return Optional.of("there is no member named '" + to + "'; the members are "
                    + run.team.agents().stream().map(AgentDefinition::name).toList());
        }
        return Optional.empty();
    }

    private RunEvent.TurnEnded end(String result, String handoverTo) {
        RunEvent.TurnEnded ended = new RunEvent.TurnEnded(turn, agent.name(), result, handoverTo);
        run.record(ended);
        return ended;
    }

}
