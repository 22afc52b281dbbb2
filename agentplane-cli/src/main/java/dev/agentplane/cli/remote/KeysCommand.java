package dev.agentplane.cli.remote;

import dev.agentplane.client.Operation;
import dev.agentplane.client.model.NewApiKey;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "keys", description = "API keys of the organization (the secret is shown once, when created or rotated).")
public final class KeysCommand extends RemoteCommand {

    @Operation("listApiKeys")
    @Command(description = "Every key (never their secrets).")
    int list(@Mixin PageOptions page) {
        var result = page.fetch(client().keys().list(page.applyTo(dev.agentplane.client.Query.NONE)));
        printer().rows(result.items(), result.nextCursor(), Column.of("ID", "id"), Column.of("NAME", "name"),
                Column.of("ROLE", "role"), Column.of("PREFIX", "prefix"), Column.of("AGENT", "agent_id"),
                Column.of("LAST USED", "last_used_at"), Column.of("EXPIRES", "expires_at"), Column.of("REVOKED", "revoked_at"));
        return 0;
    }

    @Operation("createApiKey")
    @Command(description = "Creates a key; prints its secret once.")
    int create(@Parameters(paramLabel = "NAME") String name,
               @Option(names = "--role", required = true, description = "admin, developer, agent, viewer or auditor") String role,
               @Option(names = "--agent", paramLabel = "AGENT_ID", description = "An agent key acting as this agent.") String agentId,
               @Option(names = "--expires", paramLabel = "TIME", description = "RFC 3339 expiry.") Instant expiresAt,
               @Option(names = "--rate-limit", paramLabel = "PER_MINUTE") Integer rateLimit,
               @Option(names = "--signed", description = "Requests with this key must be signed (a signing secret is printed).") boolean signed) {
        printer().one(client().keys().create(new NewApiKey(name, role, agentId, expiresAt, rateLimit, signed ? true : null)));
        return 0;
    }

    @Operation("revokeApiKey")
    @Command(description = "Revokes a key at once.")
    int revoke(@Parameters(paramLabel = "KEY_ID") String id) {
        printer().one(client().keys().revoke(id));
        return 0;
    }

    @Operation("rotateApiKey")
    @Command(description = "Issues a new secret; the old one keeps working for --grace-seconds.")
    int rotate(@Parameters(paramLabel = "KEY_ID") String id,
               @Option(names = "--grace-seconds", paramLabel = "N") Integer graceSeconds) {
        printer().one(client().keys().rotate(id, graceSeconds));
        return 0;
    }
}
