package dev.agentplane.client.model;

/** A failed execution and the step it failed at (null when none). */
public record DeadLetter(
        Execution execution,
        StepRun failedStep) {
}
