package dev.agentplane.teams.tools;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where and for whom a tool runs: the run's workspace directory (every file and command is confined to it), the
 * run and agent it serves, and how long one call may take at most.
 */
public record ToolContext(Path workspace, String runId, String agentName, Duration timeout) {}
