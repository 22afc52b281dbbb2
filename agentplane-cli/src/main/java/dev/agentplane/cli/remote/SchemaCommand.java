package dev.agentplane.cli.remote;

import dev.agentplane.client.Operation;
import picocli.CommandLine.Command;

@Command(name = "schema", description = "The JSON Schemas editors validate workflow and team files with.")
public final class SchemaCommand extends RemoteCommand {

    @Operation("getWorkflowSchema")
    @Command(description = "The schema of workflow definitions.")
    int workflow() {
        printer().print(client().workflowSchema());
        return 0;
    }

    @Operation("getTeamSchema")
    @Command(description = "The schema of team files.")
    int team() {
        printer().print(client().teamSchema());
        return 0;
    }
}
