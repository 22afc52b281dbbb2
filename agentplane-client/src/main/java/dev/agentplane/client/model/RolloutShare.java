package dev.agentplane.client.model;

/** A share of new executions going to one version of a workflow. */
public record RolloutShare(
        Integer version,
        Integer weight) {
}
