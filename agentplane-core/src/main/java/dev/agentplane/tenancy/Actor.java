package dev.agentplane.tenancy;

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

    public Actor withRequestId(String id) {
        return new Actor(orgId, keyId, agentId, role, id, rateLimitPerMinute);
    }
}
