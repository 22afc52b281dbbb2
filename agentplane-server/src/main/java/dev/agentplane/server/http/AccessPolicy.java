package dev.agentplane.server.http;

import dev.agentplane.common.problems.ProblemException;
import dev.agentplane.tenancy.Actor;
import dev.agentplane.tenancy.Role;
import java.util.Set;

/**
 * Which roles may use a route. This is the foundation's coarse rule set (keys: admin; audit: admin and
 * auditor; changes: admin, developer, agent; reads: everyone); the security issue refines it per route.
 */
public final class AccessPolicy {
    private AccessPolicy() {}

    public static void check(Actor actor, String method, String pathTemplate) {
        Set<Role> allowed = allowedRoles(method, pathTemplate);
        if (!allowed.contains(actor.role())) {
            throw new ProblemException(403, "forbidden", "Forbidden", "a key with role '" + actor.role().wireName()
                    + "' may not " + method + " " + pathTemplate + "; use a key with one of the roles "
                    + allowed.stream().map(Role::wireName).sorted().toList());
        }
    }

    static Set<Role> allowedRoles(String method, String pathTemplate) {
        if (pathTemplate.startsWith("/v1/keys")) {
            return Set.of(Role.ADMIN);
        }
        if (pathTemplate.startsWith("/v1/audit")) {
            return Set.of(Role.ADMIN, Role.AUDITOR);
        }
        if (!method.equals("GET")) {
            return Set.of(Role.ADMIN, Role.DEVELOPER, Role.AGENT);
        }
        return Set.of(Role.values());
    }
}
