package dev.agentplane.teams.tools.mcp;

import java.util.ArrayDeque;
import java.util.Deque;

/** The last lines a server wrote to its stderr, to say why it failed. */
final class RecentLines {
    private static final int MAX_LINES = 10;
    private static final int MAX_LINE_LENGTH = 500;
    private static final long QUIET_MILLIS = 300;
    private static final long MAX_WAIT_MILLIS = 3000;
    private final Deque<String> lines = new ArrayDeque<>();
    private long added;

    synchronized void add(String line) {
        if (line == null || line.isBlank()) {
            return;
        }
        lines.addLast(line.length() > MAX_LINE_LENGTH ? line.substring(0, MAX_LINE_LENGTH) + "…" : line);
        if (lines.size() > MAX_LINES) {
            lines.removeFirst();
        }
        added++;
        notifyAll();
    }

    /**
     * Waits until no line has come for a moment (at most 3 s): a process that just exited may still have lines
     * on their way through the transport's reader, which a loaded machine may schedule late (the SDK gives no end-of-stream signal).
     */
    synchronized void awaitQuiet() throws InterruptedException {
        long deadline = System.nanoTime() + MAX_WAIT_MILLIS * 1_000_000;
        long seen;
        do {
            seen = added;
            wait(QUIET_MILLIS);
        } while (added != seen && System.nanoTime() < deadline);
    }

    /** "" when the server wrote nothing, else its last lines after a separator. */
    synchronized String summary() {
        return lines.isEmpty() ? "" : "; its last stderr lines: " + String.join(" | ", lines);
    }
}
