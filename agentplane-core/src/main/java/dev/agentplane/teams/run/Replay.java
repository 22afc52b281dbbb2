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
    private final Map<String, Integer> turnsByKey = new HashMap<>();
    private final java.util.Set<Integer> startedTurns = new java.util.HashSet<>();
    private int lastTurn;

    Replay(List<RunEvent> events) {
        for (RunEvent event : events) {
            switch (event) {
                case RunEvent.ModelAnswered answer -> answers.computeIfAbsent(answer.turn(), t -> new ArrayDeque<>()).add(answer);
                case RunEvent.ToolFinished result -> toolResults.put(key(result.turn(), result.step(), result.callId()), result);
                case RunEvent.TurnEnded ended -> endings.put(ended.turn(), ended);
                case RunEvent.TurnStarted started -> {
                    turnsByKey.put(started.key(), started.turn());
                    startedTurns.add(started.turn());
                    lastTurn = Math.max(lastTurn, started.turn());
                }
                default -> { }
            }
        }
    }

    synchronized Optional<RunEvent.ModelAnswered> nextAnswer(int turn) {
        Deque<RunEvent.ModelAnswered> recorded = answers.get(turn);
        return recorded == null || recorded.isEmpty() ? Optional.empty() : Optional.of(recorded.poll());
    }

    synchronized Optional<RunEvent.ToolFinished> toolResult(int turn, int step, String callId) {
        return Optional.ofNullable(toolResults.get(key(turn, step, callId)));
    }

    /** The number of the turn recorded under {@code key}, or a new one past every recorded turn. */
    synchronized int turn(String key) {
        return turnsByKey.computeIfAbsent(key, k -> ++lastTurn);
    }

    /** Whether the turn's start was recorded before the run was interrupted. */
    synchronized boolean started(int turn) {
        return startedTurns.contains(turn);
    }

    synchronized Optional<RunEvent.TurnEnded> ending(int turn) {
        return Optional.ofNullable(endings.get(turn));
    }

    private static String key(int turn, int step, String callId) {
        return turn + "/" + step + "/" + callId;
    }
}
