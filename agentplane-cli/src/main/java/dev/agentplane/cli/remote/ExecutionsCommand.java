package dev.agentplane.cli.remote;

import dev.agentplane.client.Operation;
import dev.agentplane.client.Query;
import dev.agentplane.client.model.CompleteExecution;
import dev.agentplane.client.model.Execution;
import dev.agentplane.client.model.FailExecution;
import dev.agentplane.client.model.NewExecutionEvent;
import dev.agentplane.client.model.StartExecution;
import dev.agentplane.client.Executions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "executions", description = "Workflow executions: start, follow, control.")
public final class ExecutionsCommand extends RemoteCommand {
    static final Column[] COLUMNS = {Column.of("ID", "id"), Column.of("WORKFLOW", "workflow_name"),
            Column.of("VERSION", "workflow_version"), Column.of("STATUS", "status"), Column.of("STARTED", "started_at"),
            Column.of("MS", "duration_ms"), Column.of("COST USD", "cost_usd"), Column.of("ERROR", "error")};
    private static final Column[] EVENT_COLUMNS = {Column.of("SEQ", "seq"), Column.of("TIME", "created_at"),
            Column.of("TYPE", "type"), Column.of("AGENT", "agent_id"), Column.of("MESSAGE", "message"), Column.of("DATA", "data")};

    @Operation("startExecution")
    @Command(description = "Starts a workflow; --wait follows it to its end (exit 1 if it does not complete).")
    int start(@Parameters(paramLabel = "WORKFLOW") String workflow,
              @Option(names = "--input", paramLabel = "JSON", description = "The inputs (JSON or YAML, @file, or -).") String input,
              @Option(names = "--version", paramLabel = "N", description = "Run this version, not the active one.") Integer version,
              @Option(names = "--agent", paramLabel = "AGENT_ID") String agentId,
              @Option(names = "--routing-key", paramLabel = "KEY", description = "Keeps a rollout's choice per key.") String routingKey,
              @Option(names = "--idempotency-key", paramLabel = "KEY", description = "Starting twice with one key starts once.") String idempotencyKey,
              @Option(names = "--wait", description = "Wait for the end and print the final execution.") boolean wait,
              @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m", description = "How long --wait waits (default 10m).") String timeout) {
        StartExecution request = new StartExecution(workflow, version, agentId, json("--input", input), routingKey);
        Execution execution = idempotencyKey == null ? client().executions().start(request)
                : client().executions().start(request, idempotencyKey);
        if (wait) {
            execution = client().executions().waitFor(execution.id(), Durations.parse("--timeout", timeout, invoked()));
        }
        printer().one(execution);
        return wait && !"completed".equals(execution.status()) ? 1 : 0;
    }

    @Operation("listExecutions")
    @Command(description = "Executions, newest first.")
    int list(@Option(names = "--status") String status,
             @Option(names = "--workflow", paramLabel = "NAME") String workflow,
             @Option(names = "--agent", paramLabel = "AGENT_ID") String agentId,
             @Mixin PageOptions page) {
        var query = page.applyTo(Query.of("status", status, "workflow", workflow).with("agent_id", agentId));
        var result = page.fetch(client().executions().list(query));
        printer().rows(result.items(), result.nextCursor(), COLUMNS);
        return 0;
    }

    @Operation("getExecution")
    @Command(description = "One execution.")
    int get(@Parameters(paramLabel = "EXECUTION_ID") String id) {
        printer().one(client().executions().get(id));
        return 0;
    }

    @Operation("listExecutionSteps")
    @Command(description = "An execution's step runs.")
    int steps(@Parameters(paramLabel = "EXECUTION_ID") String id) {
        printer().rows(client().executions().steps(id), null, Column.of("STEP", "step_id"), Column.of("SCOPE", "scope"),
                Column.of("ATTEMPT", "attempt"), Column.of("STATUS", "status"), Column.of("STARTED", "started_at"),
                Column.of("COMPLETED", "completed_at"), Column.of("ERROR", "error"));
        return 0;
    }

    @Operation("listExecutionEvents")
    @Command(description = "An execution's events so far (see `watch` to follow them live).")
    int events(@Parameters(paramLabel = "EXECUTION_ID") String id,
               @Option(names = "--after-seq", paramLabel = "SEQ") Long afterSeq,
               @Mixin PageOptions page) {
        var result = page.fetch(client().executions().events(id, page.applyTo(Query.of("after_seq", afterSeq))));
        printer().rows(result.items(), result.nextCursor(), EVENT_COLUMNS);
        return 0;
    }

    @Command(description = "Streams an execution's events as they happen, until it ends (exit 0 completed, 1 otherwise).")
    int watch(@Parameters(paramLabel = "EXECUTION_ID") String id,
              @Option(names = "--after-seq", paramLabel = "SEQ", defaultValue = "0", description = "Start after this event.") long afterSeq) {
        return new ExecutionWatch(client(), printer(), spec.commandLine().getOut()).follow(id, afterSeq);
    }

    @Operation("cancelExecution")
    @Command(description = "Cancels an execution (and its sub-workflows).")
    int cancel(@Parameters(paramLabel = "EXECUTION_ID") String id, @Option(names = "--reason") String reason) {
        printer().one(client().executions().cancel(id, reason));
        return 0;
    }

    @Operation("pauseExecution")
    @Command(description = "Pauses an execution after its running steps.")
    int pause(@Parameters(paramLabel = "EXECUTION_ID") String id) {
        printer().one(client().executions().pause(id));
        return 0;
    }

    @Operation("resumeExecution")
    @Command(description = "Resumes a paused execution.")
    int resume(@Parameters(paramLabel = "EXECUTION_ID") String id) {
        printer().one(client().executions().resume(id));
        return 0;
    }

    @Operation("retryExecution")
    @Command(description = "Runs a failed execution again from its failed step.")
    int retry(@Parameters(paramLabel = "EXECUTION_ID") String id) {
        printer().one(client().executions().retry(id));
        return 0;
    }

    @Operation("replayExecution")
    @Command(description = "Starts a new execution with the same workflow version and input.")
    int replay(@Parameters(paramLabel = "EXECUTION_ID") String id) {
        printer().one(client().executions().replay(id));
        return 0;
    }

    @Operation("completeExecution")
    @Command(description = "Completes an execution an agent ran itself (no workflow steps).")
    int complete(@Parameters(paramLabel = "EXECUTION_ID") String id,
                 @Option(names = "--result", paramLabel = "JSON", description = "Its output.") String result,
                 @Mixin Usage usage) {
        printer().one(client().executions().complete(id, new CompleteExecution(json("--result", result), usage.tokensIn,
                usage.tokensOut, usage.costUsd)));
        return 0;
    }

    @Operation("failExecution")
    @Command(description = "Fails an execution an agent ran itself.")
    int fail(@Parameters(paramLabel = "EXECUTION_ID") String id,
             @Option(names = "--error", required = true, description = "What went wrong.") String error,
             @Option(names = "--result", paramLabel = "JSON", description = "Partial output.") String result,
             @Mixin Usage usage) {
        printer().one(client().executions().fail(id, new FailExecution(error, json("--result", result), usage.tokensIn,
                usage.tokensOut, usage.costUsd)));
        return 0;
    }

    @Operation("createExecutionEvent")
    @Command(description = "Records an event on an execution (what an agent did, its tokens and cost).")
    int event(@Parameters(paramLabel = "EXECUTION_ID") String id,
              @Option(names = "--type", required = true, description = "e.g. llm.call, tool.used.") String type,
              @Option(names = "--message") String message,
              @Option(names = "--data", paramLabel = "JSON") String data,
              @Option(names = "--agent", paramLabel = "AGENT_ID") String agentId,
              @Mixin Usage usage) {
        printer().one(client().executions().recordEvent(id, new NewExecutionEvent(agentId, type, message, json("--data", data),
                usage.tokensIn, usage.tokensOut, usage.costUsd)));
        return 0;
    }

    @Operation("listDeadLetters")
    @Command(name = "dead-letters", description = "Failed executions nobody has retried or replayed.")
    int deadLetters(@Mixin PageOptions page) {
        var result = page.fetch(client().executions().deadLetters());
        printer().rows(result.items(), result.nextCursor(), Column.of("ID", "execution/id"),
                Column.of("WORKFLOW", "execution/workflow_name"), Column.of("FAILED STEP", "failed_step/step_id"),
                Column.of("AT", "execution/completed_at"), Column.of("ERROR", "execution/error"));
        return 0;
    }

    @Operation("observeExecutions")
    @Command(description = "Counts, error rate, duration, tokens and cost of executions, and the latest ones.")
    int observe(@Option(names = "--workflow", paramLabel = "NAME") String workflow,
                @Option(names = "--status") String status,
                @Option(names = "--from", paramLabel = "TIME") String from,
                @Option(names = "--to", paramLabel = "TIME") String to) {
        var answer = client().executions().observe(Query.of("workflow", workflow, "status", status).with("from", from).with("to", to));
        if (printer().json()) {
            printer().print(answer);
        } else {
            printer().one(answer.path("stats"));
            printer().note("");
            printer().rows(answer.path("items"), answer.path("next_cursor").isTextual() ? answer.get("next_cursor").asText() : null, COLUMNS);
        }
        return 0;
    }

    /** Token and cost figures an agent reports with its own work. */
    static final class Usage {
        @Option(names = "--tokens-in", paramLabel = "N") Long tokensIn;
        @Option(names = "--tokens-out", paramLabel = "N") Long tokensOut;
        @Option(names = "--cost-usd", paramLabel = "USD") Double costUsd;
    }
}
