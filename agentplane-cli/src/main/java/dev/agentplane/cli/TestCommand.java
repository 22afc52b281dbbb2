package dev.agentplane.cli;

import dev.agentplane.cli.testrun.ReportText;
import dev.agentplane.cli.testrun.RunReport;
import dev.agentplane.cli.testrun.TestOptions;
import dev.agentplane.cli.testrun.TestRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "test", sortOptions = false, description = {
        "Validates a workflow definition and runs it on a throwaway SQLite store (no server), printing the trace of "
                + "its steps. Exit code: 0 when the execution completed, 1 when it failed, 2 when the definition, the "
                + "input or a flag is invalid, or a step waits for something no flag answers.",
        "Steps that need the outside world are replaced with --mock; approvals are decided with --approve/--reject; "
                + "sleeps, waits and retry backoffs do not really wait (the clock jumps)."})
final class TestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "WORKFLOW", description = "The definition, YAML or JSON (.json).")
    Path file;

    @Option(names = "--input", paramLabel = "JSON", description = "The execution's input, e.g. '{\"amount\": 250}' (default: the workflow's input defaults).")
    String input;

    @Option(names = "--input-file", paramLabel = "FILE", description = "The execution's input from a JSON file.")
    Path inputFile;

    @Option(names = "--mock", paramLabel = "STEP=FILE", description = {
            "Do not run STEP: its output is FILE's JSON; {\"fail\": {\"message\": \"…\", \"code\": \"…\", \"retryable\": false}} "
                    + "makes every attempt fail instead. Repeatable. task, handoff and agent steps need one."})
    Map<String, Path> mocks;

    @Option(names = "--approve", paramLabel = "STEP=JSON", description = "Resolve approval STEP's escalation with JSON as the resolution. Repeatable.")
    Map<String, String> approvals;

    @Option(names = "--reject", paramLabel = "STEP=REASON", description = "Dismiss approval STEP's escalation (its on_reject runs). Repeatable.")
    Map<String, String> rejections;

    @Option(names = "--state-file", paramLabel = "FILE", description = "State to write before the run: {\"<namespace>\": {\"<key>\": <value>}}.")
    Path stateFile;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json.")
    Format output;

    enum Format { text, json }

    @Override
    public Integer call() {
        RunReport report;
        try (Silence silence = Silence.logging()) {
            report = TestRun.run(new TestOptions(file, input, inputFile, mocks, approvals, rejections, stateFile));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output == Format.json) {
            out.println(ReportText.json(report));
        } else if (report.status().equals(RunReport.INVALID)) {
            spec.commandLine().getErr().print("agentplane test: " + ReportText.text(report));
        } else {
            out.print(ReportText.text(report));
        }
        out.flush();
        spec.commandLine().getErr().flush();
        return report.exitCode();
    }
}
