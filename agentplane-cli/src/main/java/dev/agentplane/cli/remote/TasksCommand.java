package dev.agentplane.cli.remote;

import dev.agentplane.client.Operation;
import dev.agentplane.client.Query;
import dev.agentplane.client.model.ClaimTask;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "tasks", description = "Work a workflow's task steps offer to agents: claim, heartbeat, complete.")
public final class TasksCommand extends RemoteCommand {
    private static final Column[] COLUMNS = {Column.of("ID", "id"), Column.of("CAPABILITY", "capability"),
            Column.of("STATUS", "status"), Column.of("EXECUTION", "execution_id"), Column.of("STEP", "step_id"),
            Column.of("CLAIMED BY", "claimed_by"), Column.of("LEASE UNTIL", "lease_expires_at")};

    @Operation("listTasks")
    @Command(description = "Tasks, newest first.")
    int list(@Option(names = "--status", description = "open, claimed, completed, failed, cancelled") String status,
             @Option(names = "--capability") String capability,
             @Option(names = "--execution", paramLabel = "EXECUTION_ID") String executionId,
             @Mixin PageOptions page) {
        var query = page.applyTo(Query.of("status", status, "capability", capability).with("execution_id", executionId));
        var result = page.fetch(client().tasks().list(query));
        printer().rows(result.items(), result.nextCursor(), COLUMNS);
        return 0;
    }

    @Operation("getTask")
    @Command(description = "One task.")
    int get(@Parameters(paramLabel = "TASK_ID") String id) {
        printer().one(client().tasks().get(id));
        return 0;
    }

    @Operation("claimTask")
    @Command(description = "Claims the oldest open task with one of the capabilities, waiting up to --wait (exit 1: none).")
    int claim(@Option(names = "--capability", paramLabel = "CAP", required = true, description = "Repeat for several.") List<String> capabilities,
              @Option(names = "--agent", paramLabel = "AGENT_ID", description = "Who claims (default: the key's agent).") String agentId,
              @Option(names = "--wait", paramLabel = "SECONDS", description = "Long-poll up to this many seconds (at most 30).") Integer waitSeconds,
              @Option(names = "--lease", paramLabel = "SECONDS", description = "How long the claim holds without a heartbeat.") Integer leaseSeconds) {
        var task = client().tasks().claim(new ClaimTask(agentId, capabilities, waitSeconds, leaseSeconds));
        if (task.isEmpty()) {
            spec.commandLine().getErr().println("no open task with " + String.join(" or ", capabilities));
            return 1;
        }
        printer().one(task.get());
        return 0;
    }

    @Operation("heartbeatTask")
    @Command(description = "Extends a claimed task's lease.")
    int heartbeat(@Parameters(paramLabel = "TASK_ID") String id,
                  @Option(names = "--lease", paramLabel = "SECONDS") Integer leaseSeconds) {
        printer().one(client().tasks().heartbeat(id, leaseSeconds));
        return 0;
    }

    @Operation("completeTask")
    @Command(description = "Completes a claimed task with its result; its workflow goes on.")
    int complete(@Parameters(paramLabel = "TASK_ID") String id,
                 @Option(names = "--result", paramLabel = "JSON", description = "The step's output (JSON, @file or -).") String result) {
        printer().one(client().tasks().complete(id, json("--result", result)));
        return 0;
    }

    @Operation("failTask")
    @Command(description = "Fails a claimed task; --retryable offers it again (the step's retry policy decides).")
    int fail(@Parameters(paramLabel = "TASK_ID") String id,
             @Option(names = "--error", required = true) String error,
             @Option(names = "--retryable") boolean retryable) {
        printer().one(client().tasks().fail(id, error, retryable));
        return 0;
    }
}
