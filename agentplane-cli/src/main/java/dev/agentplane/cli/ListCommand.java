package dev.agentplane.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "list", description = "Lists what is defined on this machine.", subcommands = {ListTeamsCommand.class})
final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** {@code agentplane list} alone: say what can be listed, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
