package dev.agentplane.cli.remote;

import dev.agentplane.client.Operation;
import dev.agentplane.client.Query;
import dev.agentplane.client.model.NewEscalation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "escalations", description = "Questions for humans: list, claim, resolve, dismiss.")
public final class EscalationsCommand extends RemoteCommand {
    private static final Column[] COLUMNS = {Column.of("ID", "id"), Column.of("STATUS", "status"),
            Column.of("PRIORITY", "priority"), Column.of("ASSIGNED TO", "assigned_to"), Column.of("CREATED", "created_at"),
            Column.of("REASON", "reason")};

    @Operation("listEscalations")
    @Command(description = "Escalations, newest first.")
    int list(@Option(names = "--status", description = "open, claimed, resolved, dismissed") String status,
             @Option(names = "--priority", description = "low, medium, high, urgent") String priority,
             @Option(names = "--assigned-to", paramLabel = "WHO") String assignedTo,
             @Mixin PageOptions page) {
        var query = page.applyTo(Query.of("status", status, "priority", priority).with("assigned_to", assignedTo));
        var result = page.fetch(client().escalations().list(query));
        printer().rows(result.items(), result.nextCursor(), COLUMNS);
        return 0;
    }

    @Operation("getEscalation")
    @Command(description = "One escalation, with its context.")
    int get(@Parameters(paramLabel = "ESCALATION_ID") String id) {
        printer().one(client().escalations().get(id));
        return 0;
    }

    @Operation("createEscalation")
    @Command(description = "Asks a human.")
    int create(@Option(names = "--reason", required = true) String reason,
               @Option(names = "--context", paramLabel = "JSON") String context,
               @Option(names = "--priority", description = "low, medium (default), high, urgent") String priority,
               @Option(names = "--assign", paramLabel = "WHO") String assignedTo,
               @Option(names = "--execution", paramLabel = "EXECUTION_ID") String executionId,
               @Option(names = "--agent", paramLabel = "AGENT_ID") String agentId) {
        printer().one(client().escalations().create(new NewEscalation(reason, json("--context", context), priority, assignedTo,
                executionId, agentId)));
        return 0;
    }

    @Operation("claimEscalation")
    @Command(description = "Takes an open escalation.")
    int claim(@Parameters(paramLabel = "ESCALATION_ID") String id,
              @Option(names = "--assignee", paramLabel = "WHO", required = true) String assignee) {
        printer().one(client().escalations().claim(id, assignee));
        return 0;
    }

    @Operation("resolveEscalation")
    @Command(description = "Answers an escalation; a waiting approval step goes on with the resolution.")
    int resolve(@Parameters(paramLabel = "ESCALATION_ID") String id,
                @Option(names = "--resolution", paramLabel = "JSON", required = true,
                        description = "The answer, e.g. '{\"approved\": true}' (JSON or YAML, @file, or -).") String resolution,
                @Option(names = "--by", paramLabel = "WHO") String resolvedBy) {
        printer().one(client().escalations().resolve(id, json("--resolution", resolution), resolvedBy));
        return 0;
    }

    @Operation("dismissEscalation")
    @Command(description = "Closes an escalation without an answer.")
    int dismiss(@Parameters(paramLabel = "ESCALATION_ID") String id, @Option(names = "--reason") String reason) {
        printer().one(client().escalations().dismiss(id, reason));
        return 0;
    }
}
