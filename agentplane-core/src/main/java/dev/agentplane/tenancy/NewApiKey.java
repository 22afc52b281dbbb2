package dev.agentplane.tenancy;

import dev.agentplane.common.problems.FieldErrors;

/** A request to create a key. */
public record NewApiKey(String name, String role, String agentId) {
    public void validate() {
        new FieldErrors()
                .required("/name", name, "name the key after who uses it, e.g. \"ci-pipeline\"")
                .maxLength("/name", name, 100)
                .required("/role", role, "choose a role: one of " + Role.NAMES)
                .oneOf("/role", role, Role.NAMES)
                .id("/agent_id", agentId)
                .throwIfAny();
    }
}
