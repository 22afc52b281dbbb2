package dev.agentplane.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code agentplane} command. */
@Command(name = "agentplane", mixinStandardHelpOptions = true, version = "agentplane 0.1.0",
        description = "AgentPlane: the control plane for AI agents.",
        subcommands = {ServerCommand.class, TestCommand.class, InterpretCommand.class, RunCommand.class, RunsCommand.class, ListCommand.class, McpCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
