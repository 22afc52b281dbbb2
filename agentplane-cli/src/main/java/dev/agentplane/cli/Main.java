package dev.agentplane.cli;

import dev.agentplane.cli.remote.AgentsCommand;
import dev.agentplane.cli.remote.AuditCommand;
import dev.agentplane.cli.remote.EscalationsCommand;
import dev.agentplane.cli.remote.EventsCommand;
import dev.agentplane.cli.remote.ExecutionsCommand;
import dev.agentplane.cli.remote.FailureReport;
import dev.agentplane.cli.remote.HandoffsCommand;
import dev.agentplane.cli.remote.KeysCommand;
import dev.agentplane.cli.remote.LimitsCommand;
import dev.agentplane.cli.remote.OrgsCommand;
import dev.agentplane.cli.remote.ProfilesCommand;
import dev.agentplane.cli.remote.SchedulesCommand;
import dev.agentplane.cli.remote.SchemaCommand;
import dev.agentplane.cli.remote.SecretsCommand;
import dev.agentplane.cli.remote.StateCommand;
import dev.agentplane.cli.remote.StatusCommand;
import dev.agentplane.cli.remote.TasksCommand;
import dev.agentplane.cli.remote.TemplatesCommand;
import dev.agentplane.cli.remote.UsageCommand;
import dev.agentplane.cli.remote.WorkflowsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code agentplane} command. */
@Command(name = "agentplane", mixinStandardHelpOptions = true, version = "agentplane 0.1.0",
        description = "AgentPlane: the control plane for AI agents.",
        subcommands = {ServerCommand.class, TestCommand.class, InterpretCommand.class, RunCommand.class, RunsCommand.class,
                ListCommand.class, McpCommand.class,
                AgentsCommand.class, StateCommand.class, WorkflowsCommand.class, TemplatesCommand.class, SchedulesCommand.class,
                ExecutionsCommand.class, EventsCommand.class, TasksCommand.class, HandoffsCommand.class,
                EscalationsCommand.class, KeysCommand.class, OrgsCommand.class, LimitsCommand.class, SecretsCommand.class,
                AuditCommand.class, UsageCommand.class, StatusCommand.class, SchemaCommand.class,
                ProfilesCommand.class, CompletionCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with its error handling: a server's problem or a bad profile is a message, not a trace. */
    static CommandLine commandLine() {
        return new CommandLine(new Main()).setExecutionExceptionHandler(FailureReport::handle);
    }
}
