package dev.agentplane.workflows;

/** Filters of the workflow list: a name prefix and the {@code active} flag of each name's latest version. */
public record WorkflowFilter(String namePrefix, Boolean active) {}
