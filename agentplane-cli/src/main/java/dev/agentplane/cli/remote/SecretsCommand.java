package dev.agentplane.cli.remote;

import dev.agentplane.client.Operation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "secrets", description = "Organization secrets for workflows ($${{ secrets.NAME }}); write-only.")
public final class SecretsCommand extends RemoteCommand {

    @Operation("listSecrets")
    @Command(description = "Secret names (never values).")
    int list() {
        printer().rows(client().secrets().list(), null, Column.of("NAME", "name"), Column.of("CREATED", "created_at"),
                Column.of("UPDATED", "updated_at"));
        return 0;
    }

    @Operation("putSecret")
    @Command(description = "Sets a secret; the value is read from stdin unless --value (which shell history keeps).")
    int set(@Parameters(paramLabel = "NAME") String name,
            @Option(names = "--value", description = "The value (default: stdin).") String value) {
        String secret = value != null ? value : text("stdin", "-").stripTrailing();
        printer().one(client().secrets().put(name, secret));
        return 0;
    }

    @Operation("deleteSecret")
    @Command(description = "Deletes a secret.")
    int delete(@Parameters(paramLabel = "NAME") String name) {
        client().secrets().delete(name);
        printer().note("secret " + name + " deleted");
        return 0;
    }
}
