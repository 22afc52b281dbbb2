package dev.agentplane.cli.remote;

import dev.agentplane.client.Operation;
import dev.agentplane.client.Query;
import dev.agentplane.client.model.StateWrite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "state", description = "Persistent state: JSON values by namespace and key, versioned.")
public final class StateCommand extends RemoteCommand {

    @Operation("listStateKeys")
    @Command(description = "The keys of a namespace.")
    int list(@Parameters(paramLabel = "NAMESPACE") String namespace,
             @Option(names = "--prefix", description = "Only keys starting with this.") String prefix,
             @Mixin PageOptions page) {
        var result = page.fetch(client().state().keys(namespace, page.applyTo(Query.of("prefix", prefix))));
        printer().rows(result.items(), result.nextCursor(), Column.of("KEY", "key"), Column.of("VERSION", "version"),
                Column.of("UPDATED", "updated_at"), Column.of("EXPIRES", "expires_at"));
        return 0;
    }

    @Operation("getState")
    @Command(description = "A value with its version (exit 1 when there is none).")
    int get(@Parameters(paramLabel = "NAMESPACE") String namespace, @Parameters(paramLabel = "KEY") String key) {
        var entry = client().state().get(namespace, key);
        if (entry.isEmpty()) {
            spec.commandLine().getErr().println("no value at " + namespace + "/" + key);
            return 1;
        }
        printer().one(entry.get());
        return 0;
    }

    @Operation("putState")
    @Command(description = "Writes a value (last write wins, unless --if-version or --if-absent).")
    int set(@Parameters(paramLabel = "NAMESPACE") String namespace, @Parameters(paramLabel = "KEY") String key,
            @Parameters(paramLabel = "VALUE", description = "JSON (a bare word is a string), @file, or - for stdin.") String value,
            @Option(names = "--if-version", paramLabel = "N", description = "Only if the stored version is N (else exit 1, 412).") Long ifVersion,
            @Option(names = "--if-absent", description = "Only if there is no value yet.") boolean ifAbsent,
            @Option(names = "--ttl", paramLabel = "DURATION", description = "Expire after this long: 90s, 15m, 2h, 7d or ISO-8601 (PT1H).") String ttl) {
        StateWrite write = new StateWrite(ttl == null ? null : Durations.parse("--ttl", ttl, invoked()), ifVersion, ifAbsent);
        printer().one(client().state().put(namespace, key, json("VALUE", value), write));
        return 0;
    }

    @Operation("deleteState")
    @Command(description = "Deletes a value.")
    int delete(@Parameters(paramLabel = "NAMESPACE") String namespace, @Parameters(paramLabel = "KEY") String key,
               @Option(names = "--if-version", paramLabel = "N", description = "Only if the stored version is N.") Long ifVersion) {
        client().state().delete(namespace, key, ifVersion);
        printer().note("deleted " + namespace + "/" + key);
        return 0;
    }
}
