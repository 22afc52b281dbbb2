package dev.agentplane.cli;

import dev.agentplane.cli.teamrun.TeamRunSettings;
import dev.agentplane.teams.definition.TeamCatalog;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options `run` and `runs` share: where teams, models, the run store and the workspace are. */
final class TeamRunOptions {
    @Option(names = "--teams-dir", paramLabel = "DIR", description = "Where the team files are (default: ./teams).")
    Path teamsDir = TeamCatalog.DEFAULT_DIRECTORY;

    @Option(names = "--config", paramLabel = "FILE", description = "The models (docs/llm.md); default ./config.yaml.")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "The local run store (default: ./.agentplane).")
    Path dataDir = Path.of(".agentplane");

    @Option(names = "--workspace", paramLabel = "DIR", description = "Where the agents' files and commands live (default: ./workspace).")
    Path workspace = Path.of("workspace");

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text", description = "text (default: live progress) or json (for CI).")
    Format output;

    @Option(names = "--server", paramLabel = "URL", description = "Record runs on this AgentPlane server (its executions, events and audit) instead of the local store.")
    java.net.URI server;

    @Option(names = "--api-key", paramLabel = "KEY", description = "The server's API key (default: $AGENTPLANE_API_KEY).")
    String apiKey = System.getenv("AGENTPLANE_API_KEY");

    enum Format { text, json }

    TeamRunSettings settings() {
        return new TeamRunSettings(teamsDir, config, dataDir, workspace, output == Format.json, System.console() != null,
                server, apiKey);
    }
}
