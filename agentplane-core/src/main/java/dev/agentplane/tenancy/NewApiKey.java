package dev.agentplane.tenancy;

import dev.agentplane.common.problems.FieldErrors;

/** A request to create a key. */
public record NewApiKey(String name, String role, String agentId) {
    public void validate() {
        FieldErrors errors = new FieldErrors();
        if (Role.AGENT.wireName().equals(role) && agentId == null) {
            errors.add("/agent_id", "is required for a key with role 'agent'",
                    "register the agent (POST /v1/agents) and pass its id: an agent key acts only as that agent");
        }
        errors
                .required("/name", name, "name the key after who uses it, e.g. \"ci-pipeline\"")
                .maxLength("/name", name, 100)
                .required("/role", role, "choose a role: one of " + Role.NAMES)
                .oneOf("/role", role, Role.NAMES)
                .id("/agent_id", agentId)
                .throwIfAny();
    }
}
