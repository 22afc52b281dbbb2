package dev.agentplane.tenancy;

import dev.agentplane.common.problems.ForbiddenException;

/**
 * Who is making a request: the organization every query is confined to, the key, the agent the key is
 * bound to (if any), its role, the request id that ties audit rows to log lines, and the key's own rate
 * limit (null: the role's default).
 */
public record Actor(String orgId, String keyId, String agentId, Role role, String requestId, Integer rateLimitPerMinute) {
    public Actor {
        if (orgId == null) {
            throw new IllegalArgumentException("an actor always belongs to an organization");
        }
    }

    public Actor(String orgId, String keyId, String agentId, Role role, String requestId) {
        this(orgId, keyId, agentId, role, requestId, null);
    }

    /** The server itself acting at start-up, before any key exists. */
    public static Actor system(String orgId) {
        return new Actor(orgId, null, null, Role.ADMIN, null);
    }

    /**
     * A key with the agent role acts only as its bound agent: naming any other agent (whether or not it exists,
     * so the refusal reveals nothing) is forbidden. Other roles may name any agent of their organization.
     */
    public void requireActingAs(String otherAgentId, String action) {
        if (role == Role.AGENT && otherAgentId != null && !otherAgentId.equals(agentId)) {
            throw new ForbiddenException("a key with role 'agent' acts only as its own agent (" + agentId + ") and may not "
                    + action + " as agent " + otherAgentId + "; use a developer key for that");
        }
    }

    /**
     * The agent whose handoffs and escalations this key may see: its bound agent for the agent role (others' are
     * unknown to it, 404), null (everything of the org) for the other roles.
     */
    public String agentScope() {
        return role == Role.AGENT ? agentId : null;
    }

    public Actor withRequestId(String id) {
        return new Actor(orgId, keyId, agentId, role, id, rateLimitPerMinute);
    }
}
