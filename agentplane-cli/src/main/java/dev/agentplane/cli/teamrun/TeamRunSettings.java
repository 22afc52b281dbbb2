package dev.agentplane.cli.teamrun;

import java.nio.file.Path;

/**
 * Where a CLI team run finds its teams, models, store and workspace, and how it reports. With {@code server} (and
 * its {@code apiKey}) runs are recorded on that AgentPlane server instead of the local store.
 */
public record TeamRunSettings(Path teamsDir, Path config, Path dataDir, Path workspace, boolean json, boolean terminal,
                              java.net.URI server, String apiKey) {}
