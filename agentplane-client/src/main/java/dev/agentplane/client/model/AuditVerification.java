package dev.agentplane.client.model;

import com.fasterxml.jackson.databind.JsonNode;

/** The result of checking the audit hash chain. */
public record AuditVerification(
        Boolean valid,
        Long checked,
        JsonNode firstBroken) {
}
