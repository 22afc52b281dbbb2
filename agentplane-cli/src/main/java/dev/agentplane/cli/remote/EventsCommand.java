package dev.agentplane.cli.remote;

import dev.agentplane.client.ClientJson;
import dev.agentplane.client.Operation;
import dev.agentplane.client.Query;
import dev.agentplane.client.model.NewEvent;
import dev.agentplane.client.model.StreamedEvent;
import dev.agentplane.common.Json;
import java.util.Iterator;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "events", description = "Agent events: record one, or stream the organization's events live.")
public final class EventsCommand extends RemoteCommand {

    @Operation("createEvent")
    @Command(description = "Records an event (an LLM call, a tool use…) with its tokens and cost, on an execution or not.")
    int record(@Option(names = "--type", required = true, description = "e.g. llm.call, tool.used.") String type,
               @Option(names = "--execution", paramLabel = "EXECUTION_ID") String executionId,
               @Option(names = "--agent", paramLabel = "AGENT_ID") String agentId,
               @Option(names = "--message") String message,
               @Option(names = "--data", paramLabel = "JSON") String data,
               @Mixin ExecutionsCommand.Usage usage) {
        printer().one(client().events().record(new NewEvent(executionId, agentId, type, message, json("--data", data),
                usage.tokensIn, usage.tokensOut, usage.costUsd)));
        return 0;
    }

    @Operation("streamEvents")
    @Command(description = "Follows the organization's events as they happen (WebSocket), until interrupted or --count.")
    int stream(@Option(names = "--execution", paramLabel = "EXECUTION_ID") String executionId,
               @Option(names = "--type", description = "Only this type, or a prefix ending in * (execution.*).") String type,
               @Option(names = "--after", paramLabel = "CURSOR", description = "Resume after this cursor.") String after,
               @Option(names = "--count", paramLabel = "N", description = "Stop after N events.") Long count) {
        var out = spec.commandLine().getOut();
        try (Stream<StreamedEvent> events = client().events().stream(Query.of("execution_id", executionId, "type", type)
                .with("after", after))) {
            long seen = 0;
            for (Iterator<StreamedEvent> it = events.iterator(); it.hasNext() && (count == null || seen < count); seen++) {
                StreamedEvent event = it.next();
                out.println(printer().json() ? Json.write(ClientJson.tree(event))
                        : String.format("%s  %-22s  %s  %s", Cells.text(ClientJson.tree(event.createdAt())),
                                event.type(), event.executionId() == null ? "-" : event.executionId(),
                                event.message() == null ? "" : event.message()).stripTrailing());
                out.flush();
            }
        }
        return 0;
    }
}
