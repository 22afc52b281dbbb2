package dev.agentplane.cli.teamrun;

import java.nio.file.Path;

/** Where a CLI team run finds its teams, models, store and workspace, and how it reports. */
public record TeamRunSettings(Path teamsDir, Path config, Path dataDir, Path workspace, boolean json, boolean terminal) {}
