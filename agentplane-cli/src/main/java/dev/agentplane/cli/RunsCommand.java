package dev.agentplane.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.agentplane.cli.teamrun.CliRunner;
import dev.agentplane.cli.teamrun.RunStore;
import dev.agentplane.common.Json;
import dev.agentplane.interpret.ModelExtractor;
import dev.agentplane.teams.record.RunRecords;
import dev.agentplane.teams.record.RunSummary;
import dev.agentplane.teams.run.RunEvent;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "runs", description = "The team runs recorded in the local run store: list, show one, resume one that stopped.",
        subcommands = {RunsCommand.ListRuns.class, RunsCommand.ShowRun.class, RunsCommand.ResumeRun.class})
final class RunsCommand {

    @Command(name = "list", description = "The most recent runs first.")
    static final class ListRuns implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        TeamRunOptions options;
        @Option(names = "--team", description = "Only this team's runs.")
        String team;
        @Option(names = "--limit", defaultValue = "20", description = "How many (default 20, at most 200).")
        int limit;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Silence silence = Silence.logging(); RunStore store = RunStore.open(options.settings(), ModelExtractor.NONE)) {
                List<RunSummary> runs = store.records().list(team, Math.min(Math.max(limit, 1), 200));
                if (options.output == TeamRunOptions.Format.json) {
                    out.println(Json.write(Json.MAPPER.valueToTree(runs)));
                } else {
                    out.printf("%-36s  %-20s  %-9s  %-20s  %s%n", "RUN", "TEAM", "STATUS", "STARTED", "TASK");
                    runs.forEach(run -> out.printf("%-36s  %-20s  %-9s  %-20s  %s%n", run.id(), run.team(), run.status(),
                            run.startedAt().toString().substring(0, 19), run.task()));
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "show", description = "One run: how it ended and every step it took.")
    static final class ShowRun implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        TeamRunOptions options;
        @Parameters(index = "0", paramLabel = "RUN", description = "The run's id.")
        String id;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Silence silence = Silence.logging(); RunStore store = RunStore.open(options.settings(), ModelExtractor.NONE)) {
                RunRecords records = store.records();
                RunSummary run = records.get(id);
                List<RunEvent> events = records.journal(id).events();
                if (options.output == TeamRunOptions.Format.json) {
                    var json = Json.MAPPER.<com.fasterxml.jackson.databind.node.ObjectNode>valueToTree(run);
                    json.set("events", Json.MAPPER.<ArrayNode>valueToTree(events));
                    out.println(Json.write(json));
                } else {
                    out.println("run " + run.id() + ": team " + run.team() + ", " + run.status() + ", task: " + run.task());
                    var progress = new dev.agentplane.cli.teamrun.Progress(out, false);
                    events.forEach(progress::on);
                    if (run.error() != null) {
                        out.println("error: " + run.error());
                    }
                }
            } catch (RuntimeException e) { // an unknown run, an unreachable server: the message says which
                spec.commandLine().getErr().println("agentplane runs show: " + e.getMessage());
                return 2;
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "resume", description = {"Continues a run that stopped (killed, crashed) from its last recorded step: "
            + "finished tool calls are not repeated and the model is not asked again for answers it gave.",
            "Exit codes as for run."})
    static final class ResumeRun implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        TeamRunOptions options;
        @Parameters(index = "0", paramLabel = "RUN", description = "The run's id.")
        String id;

        @Override
        public Integer call() throws InterruptedException {
            try (Silence silence = Silence.logging()) {
                return new CliRunner(options.settings(), spec.commandLine().getOut(), spec.commandLine().getErr()).resume(id);
            }
        }
    }
}
