package dev.agentplane.cli;

import dev.agentplane.cli.teamrun.CliRunner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "run", sortOptions = false, description = {
        "Runs a team of agents on a task: the agents call the configured model and their tools until one answers. "
                + "Progress is printed as it happens; the run is recorded in the local run store (see `agentplane runs`).",
        "Exit code: 0 when the task was completed, 1 when it failed (the reason is printed), 2 when the team, the "
                + "models or a flag are wrong (nothing ran)."})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TEAM", description = "The team's name (its name: or its file name in the teams directory).")
    String team;

    @Option(names = {"-t", "--task"}, required = true, description = "What the team should do.")
    String task;

    @Mixin
    TeamRunOptions options;

    @Override
    public Integer call() throws InterruptedException {
        try (Silence silence = Silence.logging()) {
            return new CliRunner(options.settings(), spec.commandLine().getOut(), spec.commandLine().getErr()).run(team, task);
        }
    }
}
