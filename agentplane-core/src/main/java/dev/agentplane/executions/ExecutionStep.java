package dev.agentplane.executions;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One step run of an execution as callers see it: which step, in which scope (a foreach iteration, e.g.
 * {@code each[2]/}) and container block, its status and attempt, and what came of it.
 */
public record ExecutionStep(String id, String stepId, String scope, String parentRunId, String block, String status,
                            int attempt, JsonNode output, String errorCode, String error, Instant dueAt,
                            Instant createdAt, Instant startedAt, Instant completedAt) {}
