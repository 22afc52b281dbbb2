package dev.agentplane.cli.remote;

import dev.agentplane.client.ClientJson;
import dev.agentplane.client.AgentPlaneClient;
import dev.agentplane.client.model.Event;
import dev.agentplane.client.model.Execution;
import dev.agentplane.common.Json;
import java.io.PrintWriter;
import java.util.stream.Stream;

/**
 * {@code executions watch}: one line per event as it is committed (a JSON object per line with --output json),
 * until the execution ends; then how it ended.
 */
final class ExecutionWatch {
    private final AgentPlaneClient client;
    private final Printer printer;
    private final PrintWriter out;

    ExecutionWatch(AgentPlaneClient client, Printer printer, PrintWriter out) {
        this.client = client;
        this.printer = printer;
        this.out = out;
    }

    int follow(String executionId, long afterSeq) {
        try (Stream<Event> events = client.executions().stream(executionId, afterSeq)) {
            events.forEach(this::print);
        }
        Execution execution = client.executions().get(executionId);
        printer.note(execution.status() + (execution.error() != null ? ": " + execution.error() : "")
                + (execution.output() != null && !execution.output().isNull() ? "\noutput: " + Json.write(execution.output()) : ""));
        return "completed".equals(execution.status()) ? 0 : 1;
    }

    private void print(Event event) {
        if (printer.json()) {
            out.println(Json.write(ClientJson.tree(event)));
        } else {
            StringBuilder line = new StringBuilder();
            line.append(String.format("%4d  %s  %-22s", event.seq(), Cells.text(ClientJson.tree(event.createdAt())),
                    event.type()));
            if (event.agentId() != null) {
                line.append("  agent=").append(event.agentId());
            }
            if (event.message() != null) {
                line.append("  ").append(event.message());
            }
            if (event.data() != null && !event.data().isNull() && !event.data().isEmpty()) {
                line.append("  ").append(Cells.fit(Cells.text(event.data()), 120));
            }
            out.println(line);
        }
        out.flush();
    }
}
