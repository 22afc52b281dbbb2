package dev.agentplane.executions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.JsonLimits;
import dev.agentplane.common.Names;
import dev.agentplane.common.problems.FieldErrors;

/**
 * A request to start an execution of {@code workflow}, pinned to {@code version} if given; otherwise a rollout
 * (if the workflow has one) picks the version, by {@code routingKey} when given.
 */
public record StartExecution(String workflow, Integer version, String agentId, JsonNode input, String routingKey) {

    public StartExecution(String workflow, Integer version, String agentId, JsonNode input) {
        this(workflow, version, agentId, input, null);
    }

    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 200;

    /** 400 naming the Idempotency-Key header when it is empty or too long. */
    static void checkIdempotencyKey(String key) {
        if (key != null && (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH)) {
            throw dev.agentplane.common.problems.InvalidInputException.parameter("Idempotency-Key",
                    "must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters", "send a unique value per logical start, e.g. a UUID");
        }
    }

    public void validate() {
        FieldErrors errors = new FieldErrors()
                .required("/workflow", workflow, "name the workflow to run, e.g. \"invoice-approval\"")
                .maxLength("/workflow", workflow, 100)
                .matches("/workflow", workflow, Names.NAME, "use the name of an existing workflow")
                .id("/agent_id", agentId)
                .maxLength("/routing_key", routingKey, 200);
        if (version != null && version < 1) {
            errors.add("/version", "is " + version + "; versions start at 1", "pass an existing version, or leave version out");
        }
        errors.throwIfAny();
        JsonLimits.check("input", input);
    }
}
