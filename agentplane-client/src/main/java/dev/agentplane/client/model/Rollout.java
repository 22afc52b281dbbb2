package dev.agentplane.client.model;

import java.time.Instant;
import java.util.List;

/** How new executions of a workflow are split between its versions. */
public record Rollout(
        String workflow,
        List<RolloutShare> versions,
        Instant updatedAt) {
}
