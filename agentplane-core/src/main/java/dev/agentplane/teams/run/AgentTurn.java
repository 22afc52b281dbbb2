package dev.agentplane.teams.run;

import dev.agentplane.audit.Redactor;
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
        /** {@code origin} identifies the delegating call (turn/step/call id): the subtask's turn is keyed by it. */
        String delegate(String origin, String agent, String subtask) throws InterruptedException;
    }

    private final RunContext run;
    private final AgentDefinition agent;
    private final int turn;
    private final String key;
    private final String instructions;
    private final List<ControlTool> controls;
    private final Delegation delegation;
    private final Map<String, AgentTool> tools = new LinkedHashMap<>();
    private String systemPrompt;

    /** {@code key}: where the run's logic creates this turn, which gives it the same number when the run resumes. */
    AgentTurn(RunContext run, String key, AgentDefinition agent, String instructions, List<AgentTool> tools,
              List<ControlTool> controls, Delegation delegation) {
        this.run = run;
        this.agent = agent;
        this.key = key;
        this.turn = run.turn(key);
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
        if (!run.replay.started(turn)) {
            run.record(new RunEvent.TurnStarted(turn, key, agent.name(), instructions));
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
                        finishTool(answer.step(), call, "handed over to " + control.agent(call.arguments()), false);
                        return end(control.text(call.arguments()), control.agent(call.arguments()));
                    }
                    ToolResult result = run.replay.toolResult(turn, answer.step(), call.id())
                            .map(done -> new ToolResult(done.content(), done.error(), null))
                            .orElseGet(() -> finishTool(answer.step(), call, refused.get(), true));
                    messages.add(ChatMessage.toolResult(call, result.content()));
                    continue;
                }
                messages.add(ChatMessage.toolResult(call, result(answer.step(), call, control).content()));
            }
        }
    }

    private RunEvent.ModelAnswered answer(List<ChatMessage> messages, int step) throws InterruptedException {
        Optional<RunEvent.ModelAnswered> recorded = run.replay.nextAnswer(turn);
        int teamStep = run.takeStep(agent.name());
        if (recorded.isPresent()) {
            return recorded.get();
        }
        run.checkWanted();
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

    private ToolResult result(int step, ToolCall call, ControlTool control) throws InterruptedException {
        Optional<RunEvent.ToolFinished> recorded = run.replay.toolResult(turn, step, call.id());
        if (recorded.isPresent()) {
            return new ToolResult(recorded.get().content(), recorded.get().error(), null);
        }
        if (call.arguments() != null && call.arguments().toString().contains(Redactor.REDACTED)) {
            // Recorded arguments lose what looked secret; running the call with them would do the wrong thing.
            return finishTool(step, call, "this call's arguments were redacted when the run was recorded, so it cannot "
                    + "run again as it was; call the tool again with the arguments", true);
        }
        run.checkWanted();
        run.record(new RunEvent.ToolStarted(turn, step, agent.name(), call.id(), call.name(), call.arguments()));
        ToolResult result;
        if (control == ControlTool.DELEGATE && controls.contains(control)) {
            Optional<String> refused = refusedHandover(control.agent(call.arguments()));
            result = refused.isPresent() ? ToolResult.error(refused.get())
                    : ToolResult.ok(delegation.delegate(turn + "/" + step + "/" + call.id(), control.agent(call.arguments()),
                    control.text(call.arguments())));
        } else {
            AgentTool tool = tools.get(call.name());
            result = tool == null ? ToolResult.error("there is no tool named '" + call.name() + "'; your tools are "
                    + tools.keySet()) : runTool(tool, call);
        }
        return finishTool(step, call, result.content(), result.error());
    }

    /** A tool that fails unexpectedly (a server gone, a broken stream) is a result the model can work around. */
    private ToolResult runTool(AgentTool tool, ToolCall call) throws InterruptedException {
        try {
            return tool.run(call.arguments() == null ? dev.agentplane.common.Json.object() : call.arguments(),
                    new ToolContext(run.toolContext.workspace(), run.toolContext.runId(), agent.name(), run.toolContext.timeout()));
        } catch (RuntimeException failed) {
            return ToolResult.error("the tool " + call.name() + " failed: " + failed);
        }
    }

    private ToolResult finishTool(int step, ToolCall call, String content, boolean error) {
        run.record(new RunEvent.ToolFinished(turn, step, agent.name(), call.id(), call.name(), content, error));
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
