package dev.agentplane.cli.remote;

import dev.agentplane.client.Paged;
import dev.agentplane.client.Query;
import dev.agentplane.client.model.Page;
import picocli.CommandLine.Option;

/** How much of a list to show: one page ({@code --limit}, {@code --cursor}) or {@code --all} of it. */
public final class PageOptions {
    @Option(names = "--limit", paramLabel = "N", description = "Items per page (the server's default is 50, at most 200).")
    Integer limit;

    @Option(names = "--cursor", paramLabel = "CURSOR", description = "The page after this cursor (printed under a table).")
    String cursor;

    @Option(names = "--all", description = "Every page.")
    boolean all;

    Query applyTo(Query query) {
        return query.with("limit", limit).with("cursor", cursor);
    }

    <T> Page<T> fetch(Paged<T> list) {
        return all ? new Page<>(list.toList(), null) : list.firstPage();
    }
}
