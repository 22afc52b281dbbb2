package dev.agentplane.executions;

/** How the executions of one workflow version went: to compare versions during a rollout. */
public record VersionStats(int version, ExecutionStats stats) {}
