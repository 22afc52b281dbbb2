package dev.agentplane.escalations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.JsonLimits;
import dev.agentplane.common.problems.FieldErrors;

/** The human's answer (any JSON value) and who gave it; when resolvedBy is absent, the caller. */
public record ResolveEscalation(JsonNode resolution, String resolvedBy) {
    public void validate() {
        new FieldErrors()
                .required("/resolution", resolution == null || resolution.isNull() ? null : resolution,
                        "send the decision as any JSON value, e.g. {\"approved\": true}")
                .maxLength("/resolved_by", resolvedBy, Escalation.MAX_NAME_LENGTH)
                .throwIfAny();
        JsonLimits.check("resolution", resolution);
    }
}
