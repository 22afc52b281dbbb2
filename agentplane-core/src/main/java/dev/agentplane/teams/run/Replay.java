package dev.agentplane.teams.run;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The events of an interrupted run, served back to the turns that produced them: a resumed turn takes its recorded
 * model answers in order and the results of its finished tool calls, and asks the model or runs a tool only past
 * what was recorded. A tool call that started but never finished is run again.
 */
final class Replay {
    private final Map<Integer, Deque<RunEvent.ModelAnswered>> answers = new HashMap<>();
    private final Map<String, RunEvent.ToolFinished> toolResults = new HashMap<>();
    private final Map<Integer, RunEvent.TurnEnded> endings = new HashMap<>();

    Replay(List<RunEvent> events) {
        for (RunEvent event : events) {
            switch (event) {
                case RunEvent.ModelAnswered answer -> answers.computeIfAbsent(answer.turn(), t -> new ArrayDeque<>()).add(answer);
                case RunEvent.ToolFinished result -> toolResults.put(key(result.turn(), result.callId()), result);
                case RunEvent.TurnEnded ended -> endings.put(ended.turn(), ended);
                default -> { }
            }
        }
    }

    synchronized Optional<RunEvent.ModelAnswered> nextAnswer(int turn) {
        Deque<RunEvent.ModelAnswered> recorded = answers.get(turn);
        return recorded == null || recorded.isEmpty() ? Optional.empty() : Optional.of(recorded.poll());
    }

    synchronized Optional<RunEvent.ToolFinished> toolResult(int turn, String callId) {
        return Optional.ofNullable(toolResults.get(key(turn, callId)));
    }

    synchronized Optional<RunEvent.TurnEnded> ending(int turn) {
        return Optional.ofNullable(endings.get(turn));
    }

    private static String key(int turn, String callId) {
        return turn + "/" + callId;
    }
}
