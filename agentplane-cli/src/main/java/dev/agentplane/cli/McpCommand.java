package dev.agentplane.cli;

import dev.agentplane.cli.mcp.McpBridge;
import dev.agentplane.cli.remote.Connection;
import dev.agentplane.cli.remote.Profile;
import dev.agentplane.cli.remote.ProfileFile;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "mcp", sortOptions = false, description = {
        "Serves AgentPlane's MCP tools and resources over stdio (for Claude Desktop, Cursor and other MCP clients that "
                + "start a command), by relaying each message to the /mcp endpoint of an AgentPlane server (docs/mcp.md).",
        "Standard output carries only MCP messages; diagnostics go to standard error. Ends when standard input ends."})
final class McpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--server", paramLabel = "URL", description = "The AgentPlane server (default: the profile's, $AGENTPLANE_URL).")
    String server;

    @Option(names = "--api-key", paramLabel = "KEY", description = "The API key the tools act with; its role decides "
            + "which tools it may call (default: the profile's, $AGENTPLANE_API_KEY).")
    String apiKey;

    @Option(names = "--profile", paramLabel = "NAME", description = "A profile of ~/.config/agentplane/config.yaml (see `agentplane profiles`).")
    String profile;

    @Override
    public Integer call() throws Exception {
        Profile target = Connection.configured(new Profile(server, apiKey, null), profile, System.getenv(), ProfileFile.load());
        if (target.server() == null || target.apiKey() == null) {
            spec.commandLine().getErr().println("agentplane mcp needs " + (target.server() == null
                    ? "--server URL (or AGENTPLANE_URL, or a profile)" : "--api-key KEY (or AGENTPLANE_API_KEY, or a profile)")
                    + ": the AgentPlane server whose tools to serve, and the key to act with");
            return 2;
        }
        // The protocol owns stdout: anything else that prints (a library's log line) goes to stderr instead.
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        new McpBridge(URI.create(target.server()), target.apiKey(), protocol, System.err).run(System.in);
        return 0;
    }
}
