package dev.agentplane.cli.remote;

import dev.agentplane.client.Operation;
import dev.agentplane.client.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "audit", description = "The audit log: who changed what, hash-chained.")
public final class AuditCommand extends RemoteCommand {

    @Operation("listAuditEntries")
    @Command(description = "Entries, newest first.")
    int list(@Option(names = "--action", description = "e.g. agent.create") String action,
             @Option(names = "--resource-type", paramLabel = "TYPE") String resourceType,
             @Option(names = "--resource-id", paramLabel = "ID") String resourceId,
             @Option(names = "--actor-key", paramLabel = "KEY_ID") String actorKeyId,
             @Option(names = "--actor-agent", paramLabel = "AGENT_ID") String actorAgentId,
             @Option(names = "--from", paramLabel = "TIME") String from,
             @Option(names = "--to", paramLabel = "TIME") String to,
             @Mixin PageOptions page) {
        var query = page.applyTo(Query.of("action", action, "resource_type", resourceType).with("resource_id", resourceId)
                .with("actor_key_id", actorKeyId).with("actor_agent_id", actorAgentId).with("from", from).with("to", to));
        var result = page.fetch(client().audit().list(query));
        printer().rows(result.items(), result.nextCursor(), Column.of("TIME", "created_at"), Column.of("ACTION", "action"),
                Column.of("RESOURCE", "resource_type"), Column.of("RESOURCE ID", "resource_id"),
                Column.of("ACTOR KEY", "actor_key_id"), Column.of("DETAILS", "details"));
        return 0;
    }

    @Operation("verifyAuditChain")
    @Command(description = "Checks the hash chain end to end (exit 1 if it is broken).")
    int verify() {
        var verification = client().audit().verify();
        printer().one(verification);
        return Boolean.TRUE.equals(verification.valid()) ? 0 : 1;
    }
}
