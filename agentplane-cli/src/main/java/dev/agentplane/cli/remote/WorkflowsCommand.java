package dev.agentplane.cli.remote;

import dev.agentplane.client.Operation;
import dev.agentplane.client.Query;
import dev.agentplane.client.model.RolloutShare;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "workflows", description = "Versioned workflow definitions (docs/workflows.md).")
public final class WorkflowsCommand extends RemoteCommand {
    private static final Column[] COLUMNS = {Column.of("NAME", "name"), Column.of("VERSION", "version"),
            Column.of("ACTIVE", "active"), Column.of("CREATED", "created_at"), Column.of("DESCRIPTION", "description")};

    @Operation("listWorkflows")
    @Command(description = "Every workflow, its latest version.")
    int list(@Option(names = "--name-prefix", paramLabel = "PREFIX") String namePrefix,
             @Option(names = "--active", paramLabel = "true|false") Boolean active,
             @Mixin PageOptions page) {
        var result = page.fetch(client().workflows().list(page.applyTo(Query.of("name_prefix", namePrefix, "active", active))));
        printer().rows(result.items(), result.nextCursor(), COLUMNS);
        return 0;
    }

    @Operation("getWorkflow")
    @Command(description = "A workflow's active version; --source prints its YAML as written.")
    int get(@Parameters(paramLabel = "NAME") String name,
            @Option(names = "--source", description = "Only the definition's source text.") boolean source) {
        var workflow = client().workflows().get(name);
        printer().sourceOr(source, workflow.source(), workflow);
        return 0;
    }

    @Operation("createWorkflow")
    @Command(description = "Stores a definition (YAML or JSON file, or - for stdin) as the workflow's next version.")
    int create(@Parameters(paramLabel = "FILE") String file) {
        String text = text("FILE", file.equals("-") || file.startsWith("@") ? file : "@" + file);
        printer().one(client().workflows().create(text));
        return 0;
    }

    @Operation("listWorkflowVersions")
    @Command(description = "Every version of a workflow.")
    int versions(@Parameters(paramLabel = "NAME") String name, @Mixin PageOptions page) {
        var result = page.fetch(client().workflows().versions(name));
        printer().rows(result.items(), result.nextCursor(), COLUMNS);
        return 0;
    }

    @Operation("getWorkflowVersion")
    @Command(description = "One version of a workflow.")
    int version(@Parameters(paramLabel = "NAME") String name, @Parameters(paramLabel = "VERSION") int version) {
        printer().one(client().workflows().version(name, version));
        return 0;
    }

    @Operation("deactivateWorkflowVersion")
    @Command(description = "Stops a version from starting new executions.")
    int deactivate(@Parameters(paramLabel = "NAME") String name, @Parameters(paramLabel = "VERSION") int version) {
        printer().one(client().workflows().deactivate(name, version));
        return 0;
    }

    @Operation("getWorkflowRollout")
    @Command(description = "How new executions are shared between versions.")
    int rollout(@Parameters(paramLabel = "NAME") String name) {
        printer().one(client().workflows().rollout(name));
        return 0;
    }

    @Operation("setWorkflowRollout")
    @Command(name = "set-rollout", description = "Shares new executions between versions by weight: set-rollout NAME 1=90 2=10.")
    int setRollout(@Parameters(paramLabel = "NAME") String name,
                   @Parameters(paramLabel = "VERSION=WEIGHT", arity = "1..*") Map<Integer, Integer> weights) {
        List<RolloutShare> shares = new ArrayList<>();
        weights.forEach((version, weight) -> shares.add(new RolloutShare(version, weight)));
        printer().one(client().workflows().setRollout(name, shares));
        return 0;
    }

    @Operation("deleteWorkflowRollout")
    @Command(name = "clear-rollout", description = "Ends a rollout: the latest active version takes every execution.")
    int clearRollout(@Parameters(paramLabel = "NAME") String name) {
        client().workflows().deleteRollout(name);
        printer().note("rollout of " + name + " cleared");
        return 0;
    }

    @Operation("compareWorkflowVersions")
    @Command(description = "Executions, error rate, duration, tokens and cost by version, to judge a rollout.")
    int compare(@Parameters(paramLabel = "NAME") String name,
                @Option(names = "--from", paramLabel = "TIME", description = "RFC 3339 start (default: 24 h ago).") String from,
                @Option(names = "--to", paramLabel = "TIME") String to) {
        var answer = client().workflows().compare(name, Query.of("from", from, "to", to));
        if (printer().json()) {
            printer().print(answer);
        } else {
            printer().rows(answer.path("items"), null, Column.of("VERSION", "version"), Column.of("EXECUTIONS", "stats/total"),
                    Column.of("COMPLETED", "stats/by_status/completed"), Column.of("FAILED", "stats/by_status/failed"),
                    Column.of("ERROR RATE", "stats/error_rate"), Column.of("AVG MS", "stats/avg_duration_ms"),
                    Column.of("COST USD", "stats/cost_usd"));
        }
        return 0;
    }
}
