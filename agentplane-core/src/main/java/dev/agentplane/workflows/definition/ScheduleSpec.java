package dev.agentplane.workflows.definition;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code schedule:} of a definition: storing the version creates or updates the organization's schedule named
 * after the workflow, which runs its latest active version.
 */
public record ScheduleSpec(String cron, String timezone, JsonNode input, String misfire) {}
