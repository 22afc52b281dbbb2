package dev.agentplane.cli.teamrun;

import dev.agentplane.common.Json;
import dev.agentplane.llm.ToolCall;
import dev.agentplane.teams.run.RunEvent;
import dev.agentplane.teams.run.RunListener;
import java.io.PrintWriter;
import java.math.BigDecimal;

/**
 * Prints a run as it happens: which agent works, the start of what it says, each tool call and its result, and the
 * step count, tokens and cost so far. On a terminal the lines are coloured; otherwise they are plain log lines.
 */
public final class Progress implements RunListener {
    private static final int SHOWN = 160;
    private final PrintWriter out;
    private final boolean terminal;
    private int steps;
    private long tokens;
    private BigDecimal cost = BigDecimal.ZERO;

    public Progress(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public synchronized void on(RunEvent event) {
        switch (event) {
            case RunEvent.RunStarted started -> line("run", "team " + started.team() + " (" + started.process() + "): " + cut(started.task()));
            case RunEvent.TurnStarted turn -> line(bold(turn.agent()), "starts: " + cut(turn.instructions()));
            case RunEvent.ModelAnswered answer -> {
                steps++;
                tokens += answer.tokensIn() + answer.tokensOut();
                cost = answer.costUsd() == null ? cost : cost.add(answer.costUsd());
                String said = answer.text() == null || answer.text().isBlank() ? "" : "\"" + cut(answer.text()) + "\" ";
                line(bold(answer.agent()), said + dim("[step " + steps + ", " + tokens + " tokens, $" + cost.toPlainString() + "]"));
                for (ToolCall call : answer.toolCalls()) {
                    line("  → " + call.name(), cut(Json.write(call.arguments())));
                }
            }
            case RunEvent.ToolFinished done -> line("  ← " + done.tool(), (done.error() ? red("error: ") : "") + cut(done.content()));
            case RunEvent.TurnEnded ended -> {
                if (ended.handoverTo() != null) {
                    line(bold(ended.agent()), "hands over to " + ended.handoverTo());
                }
            }
            case RunEvent.RunEnded ended -> line(ended.status().equals("completed") ? green("completed") : red("failed"),
                    ended.status().equals("completed") ? "in " + steps + " steps" : ended.reason());
            case RunEvent.ToolStarted started -> { }
        }
        out.flush();
    }

    private void line(String who, String what) {
        out.println(who + ": " + what);
    }

    private String bold(String text) {
        return terminal ? "\u001b[1m" + text + "\u001b[0m" : text;
    }

    private String dim(String text) {
        return terminal ? "\u001b[2m" + text + "\u001b[0m" : text;
    }

    private String red(String text) {
        return terminal ? "\u001b[31m" + text + "\u001b[0m" : text;
    }

    private String green(String text) {
        return terminal ? "\u001b[32m" + text + "\u001b[0m" : text;
    }

    private static String cut(String text) {
        String oneLine = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= SHOWN ? oneLine : oneLine.substring(0, SHOWN) + "…";
    }
}
