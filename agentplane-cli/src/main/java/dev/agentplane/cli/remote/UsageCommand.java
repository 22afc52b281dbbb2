package dev.agentplane.cli.remote;

import dev.agentplane.client.ClientJson;
import dev.agentplane.client.Operation;
import dev.agentplane.client.model.UsageDay;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "usage", description = "API calls, executions, steps, tokens and cost by day, and their totals.")
public final class UsageCommand extends RemoteCommand implements Callable<Integer> {
    @Option(names = "--from", paramLabel = "DATE", description = "First day (default: the first of this month).")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last day (default: today).")
    LocalDate to;

    @Operation("getUsage")
    @Override
    public Integer call() {
        var report = from == null && to == null ? client().usage().get() : client().usage().get(from, to);
        Column[] columns = {Column.of("DAY", "day"), Column.of("API CALLS", "api_calls"),
                Column.of("EXECUTIONS", "executions_started"), Column.of("STEPS", "steps_run"),
                Column.of("TOKENS IN", "tokens_in"), Column.of("TOKENS OUT", "tokens_out"), Column.of("COST USD", "cost_usd")};
        if (printer().json()) {
            printer().one(report);
        } else {
            printer().rows(report.days().stream().filter(UsageCommand::active).toList(), null, columns);
            printer().note("total: " + Cells.text(ClientJson.tree(report.totals())));
        }
        return 0;
    }

    private static boolean active(UsageDay day) {
        return day.apiCalls() > 0 || day.executionsStarted() > 0 || day.stepsRun() > 0 || day.tokensIn() > 0
                || day.tokensOut() > 0 || day.costUsd() > 0;
    }
}
