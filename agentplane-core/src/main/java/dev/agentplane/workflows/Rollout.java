package dev.agentplane.workflows;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;

/**
 * How new executions of a workflow that name no version are split between versions: each version gets a share
 * of starts in proportion to its weight. The same routing key always picks the same version (while the split
 * is unchanged), so one customer or conversation stays on one version.
 */
public record Rollout(String workflow, List<Share> versions, Instant updatedAt) {

    public record Share(int version, int weight) {}

    @JsonIgnore
    public int totalWeight() {
        return versions.stream().mapToInt(Share::weight).sum();
    }
}
