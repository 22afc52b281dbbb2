package dev.agentplane.client.model;

import com.fasterxml.jackson.databind.JsonNode;

/** An organization's limits as set, its quota, the effective limits and this month's usage. */
public record Limits(
        String orgId,
        OrgLimits limits,
        OrgLimits quota,
        OrgLimits effective,
        JsonNode month) {
}
