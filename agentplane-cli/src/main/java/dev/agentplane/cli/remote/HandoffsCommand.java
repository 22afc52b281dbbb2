package dev.agentplane.cli.remote;

import dev.agentplane.client.Operation;
import dev.agentplane.client.Query;
import dev.agentplane.client.model.NewHandoff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "handoffs", description = "Work passed from one agent to another, with its context.")
public final class HandoffsCommand extends RemoteCommand {
    private static final Column[] COLUMNS = {Column.of("ID", "id"), Column.of("STATUS", "status"),
            Column.of("FROM", "from_agent_id"), Column.of("TO", "to_agent_id"), Column.of("CAPABILITY", "to_capability"),
            Column.of("CREATED", "created_at"), Column.of("REASON", "reason")};

    @Operation("listHandoffs")
    @Command(description = "Handoffs, newest first.")
    int list(@Option(names = "--status", description = "pending, accepted, completed, rejected") String status,
             @Option(names = "--from", paramLabel = "AGENT_ID") String from,
             @Option(names = "--to", paramLabel = "AGENT_ID") String to,
             @Option(names = "--capability") String capability,
             @Option(names = "--workflow", paramLabel = "NAME") String workflow,
             @Mixin PageOptions page) {
        var query = page.applyTo(Query.of("status", status, "from_agent_id", from).with("to_agent_id", to)
                .with("capability", capability).with("workflow", workflow));
        var result = page.fetch(client().handoffs().list(query));
        printer().rows(result.items(), result.nextCursor(), COLUMNS);
        return 0;
    }

    @Operation("getHandoff")
    @Command(description = "One handoff.")
    int get(@Parameters(paramLabel = "HANDOFF_ID") String id) {
        printer().one(client().handoffs().get(id));
        return 0;
    }

    @Operation("createHandoff")
    @Command(description = "Hands work to an agent (--to) or to whoever has a capability (--to-capability).")
    int create(@Option(names = "--from", paramLabel = "AGENT_ID", required = true) String from,
               @Option(names = "--to", paramLabel = "AGENT_ID") String to,
               @Option(names = "--to-capability", paramLabel = "CAP") String toCapability,
               @Option(names = "--context", paramLabel = "JSON", description = "What the next agent needs (JSON, @file or -).") String context,
               @Option(names = "--reason") String reason,
               @Option(names = "--execution", paramLabel = "EXECUTION_ID") String executionId) {
        printer().one(client().handoffs().create(new NewHandoff(from, to, toCapability, json("--context", context), reason,
                executionId)));
        return 0;
    }

    @Operation("acceptHandoff")
    @Command(description = "Accepts a pending handoff.")
    int accept(@Parameters(paramLabel = "HANDOFF_ID") String id,
               @Option(names = "--agent", paramLabel = "AGENT_ID", description = "Who accepts (default: the key's agent).") String agentId) {
        printer().one(client().handoffs().accept(id, agentId));
        return 0;
    }

    @Operation("rejectHandoff")
    @Command(description = "Refuses a pending handoff.")
    int reject(@Parameters(paramLabel = "HANDOFF_ID") String id, @Option(names = "--reason") String reason) {
        printer().one(client().handoffs().reject(id, reason));
        return 0;
    }

    @Operation("completeHandoff")
    @Command(description = "Completes an accepted handoff with its result.")
    int complete(@Parameters(paramLabel = "HANDOFF_ID") String id,
                 @Option(names = "--result", paramLabel = "JSON") String result) {
        printer().one(client().handoffs().complete(id, json("--result", result)));
        return 0;
    }
}
