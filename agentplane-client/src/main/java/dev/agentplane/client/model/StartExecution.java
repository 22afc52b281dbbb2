package dev.agentplane.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The body of {@code executions().start(...)}: the workflow (its active version or rollout unless {@code version}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StartExecution(
        String workflow,
        Integer version,
        String agentId,
        Object input,
        String routingKey) {

    /** The active version (or the rollout) of {@code workflow} with this input (any JSON-mappable value). */
    public static StartExecution of(String workflow, Object input) {
        return new StartExecution(workflow, null, null, input, null);
    }

    public StartExecution withVersion(int version) {
        return new StartExecution(workflow, version, agentId, input, routingKey);
    }

    public StartExecution withAgent(String agentId) {
        return new StartExecution(workflow, version, agentId, input, routingKey);
    }

    /** Executions with the same routing key go to the same version while a rollout is set. */
    public StartExecution withRoutingKey(String routingKey) {
        return new StartExecution(workflow, version, agentId, input, routingKey);
    }
}
