package dev.agentplane.executions;

/** A failed execution and the step run that failed it (null when it failed outside a step, e.g. its outputs). */
public record DeadLetter(Execution execution, ExecutionStep failedStep) {}
