package dev.agentplane.teams.run;

import java.math.BigDecimal;
import java.util.List;

/** A run's outcome with its steps, tokens and cost summed from the journal (replayed answers included). */
final class Totals {
    private Totals() {}

    static RunOutcome outcome(List<RunEvent> events, RunEvent.RunEnded ended) {
        int steps = 0;
        long in = 0, out = 0;
        BigDecimal cost = BigDecimal.ZERO;
        boolean costKnown = true;
        for (RunEvent event : events) {
            if (event instanceof RunEvent.ModelAnswered answer) {
                steps++;
                in += answer.tokensIn();
                out += answer.tokensOut();
                if (answer.costUsd() == null) {
                    costKnown = false;
                } else {
                    cost = cost.add(answer.costUsd());
                }
            }
        }
        return new RunOutcome(ended.status(), ended.result(), ended.reason(), steps, in, out, costKnown ? cost : null);
    }
}
