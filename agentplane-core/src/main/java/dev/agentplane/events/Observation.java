package dev.agentplane.events;

import dev.agentplane.executions.ExecutionStats;
import java.util.List;

/** A page of execution trails and the statistics of every execution matching the same filters. */
public record Observation(List<ExecutionTrail> items, ExecutionStats stats, String nextCursor) {}
