package dev.agentplane.tools;

import java.time.Duration;

/**
 * Facts about one call: who it is for, and the idempotency key of the step attempt, which tools with side effects
 * should pass on (steps are at-least-once). {@code timeout} is how long the step may take, or null.
 */
public record ToolCall(String orgId, String executionId, String stepId, String idempotencyKey, Duration timeout) {}
