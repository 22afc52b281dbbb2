package dev.agentplane.tasks;

/** Filters of the task list; null means any. */
public record TaskFilter(String status, String capability, String executionId) {}
