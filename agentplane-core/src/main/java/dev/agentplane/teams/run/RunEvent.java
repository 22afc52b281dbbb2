package dev.agentplane.teams.run;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.llm.ToolCall;
import java.math.BigDecimal;
import java.util.List;

/**
 * What happened in a team run, in the order it happened. Each event is journaled as it happens; a resumed run
 * replays them instead of asking the model again or re-running a finished tool call. {@code turn} numbers one
 * agent's stretch of work (a run may hand back to an agent, which starts a new turn).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = RunEvent.RunStarted.class, name = "run.started"),
        @JsonSubTypes.Type(value = RunEvent.TurnStarted.class, name = "turn.started"),
        @JsonSubTypes.Type(value = RunEvent.ModelAnswered.class, name = "model.answered"),
        @JsonSubTypes.Type(value = RunEvent.ToolStarted.class, name = "tool.started"),
        @JsonSubTypes.Type(value = RunEvent.ToolFinished.class, name = "tool.finished"),
        @JsonSubTypes.Type(value = RunEvent.TurnEnded.class, name = "turn.ended"),
        @JsonSubTypes.Type(value = RunEvent.RunEnded.class, name = "run.ended")})
public sealed interface RunEvent {

    /** {@code definition} is a digest of the team's definition: a run resumes only with the team it started with. */
    record RunStarted(String team, String task, String process, String definition) implements RunEvent {}

    /**
     * {@code instructions} is what the agent was asked in this turn (the task, a handover, a subtask); {@code key}
     * says where in the run's logic the turn comes from, so a resumed run gives it the same number.
     */
    record TurnStarted(int turn, String key, String agent, String instructions) implements RunEvent {}

    record ModelAnswered(int turn, String agent, int step, String text, List<ToolCall> toolCalls, long tokensIn,
                         long tokensOut, BigDecimal costUsd, String model) implements RunEvent {
        public ModelAnswered {
            toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
            costUsd = costUsd == null ? null : costUsd.stripTrailingZeros(); // the same after a round trip through storage
        }
    }

    /** {@code step} is the team step of the answer that made the call (call ids repeat across answers with some providers). */
    record ToolStarted(int turn, int step, String agent, String callId, String tool, JsonNode arguments) implements RunEvent {}

    record ToolFinished(int turn, int step, String agent, String callId, String tool, String content, boolean error)
            implements RunEvent {}

    /** How a turn ended: {@code result} is the agent's answer; {@code handoverTo} names the next agent (router). */
    record TurnEnded(int turn, String agent, String result, String handoverTo) implements RunEvent {}

    /** {@code status} is completed or failed; {@code result} the answer, {@code reason} why it failed. */
    record RunEnded(String status, String result, String reason) implements RunEvent {}
}
