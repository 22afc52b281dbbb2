package dev.agentplane.server.http;

import static dev.agentplane.tenancy.Role.ADMIN;
import static dev.agentplane.tenancy.Role.AGENT;
import static dev.agentplane.tenancy.Role.AUDITOR;
import static dev.agentplane.tenancy.Role.DEVELOPER;
import static dev.agentplane.tenancy.Role.VIEWER;

import dev.agentplane.common.problems.ProblemException;
import dev.agentplane.tenancy.Actor;
import dev.agentplane.tenancy.Role;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The role matrix: which roles may call each operation of openapi.yaml, by operationId. An operation without a
 * rule cannot be registered, so a new route without a decision about who may call it fails at start-up (and the
 * build). docs/security.md renders the same table for operators.
 */
public final class AccessPolicy {
    /** Everyone with a key may read. */
    static final Set<Role> READERS = EnumSet.allOf(Role.class);
    /** People who build and run things, and agents acting as themselves. */
    static final Set<Role> ACTORS = EnumSet.of(ADMIN, DEVELOPER, AGENT);
    /** People who build things; agents may not. */
    static final Set<Role> BUILDERS = EnumSet.of(ADMIN, DEVELOPER);
    static final Set<Role> ADMINS = EnumSet.of(ADMIN);
    static final Set<Role> AUDIT_READERS = EnumSet.of(ADMIN, AUDITOR);
    /** The org's usage and limits concern the people running it, not its agents. */
    static final Set<Role> PEOPLE = EnumSet.of(ADMIN, DEVELOPER, VIEWER, AUDITOR);

    private static final Map<String, Set<Role>> RULES = new HashMap<>();

    static {
        rule(ADMINS, "createApiKey", "listApiKeys", "revokeApiKey", "rotateApiKey");
        // Organizations: admins of the instance admin organization only (OrgService refuses the others).
        rule(ADMINS, "createOrg", "listOrgs", "getOrg", "disableOrg");
        rule(BUILDERS, "createAgent", "deactivateAgent");
        rule(ACTORS, "updateAgent", "heartbeatAgent");
        rule(READERS, "listAgents", "getAgent");
        rule(ACTORS, "putState", "deleteState");
        rule(READERS, "getState", "listStateKeys");
        rule(BUILDERS, "createWorkflow", "deactivateWorkflowVersion", "setWorkflowRollout", "deleteWorkflowRollout");
        rule(READERS, "getWorkflowRollout", "compareWorkflowVersions");
        rule(READERS, "listWorkflows", "getWorkflow", "listWorkflowVersions", "getWorkflowVersion");
        rule(BUILDERS, "instantiateTemplate");
        rule(READERS, "listTemplates", "getTemplate");
        rule(ACTORS, "startExecution", "completeExecution", "failExecution", "createExecutionEvent", "createEvent");
        rule(BUILDERS, "cancelExecution", "pauseExecution", "resumeExecution", "retryExecution", "replayExecution");
        rule(READERS, "listDeadLetters");
        rule(READERS, "listExecutions", "getExecution", "listExecutionEvents", "listExecutionSteps", "observeExecutions",
                "streamEvents");
        rule(ACTORS, "createHandoff", "acceptHandoff", "rejectHandoff", "completeHandoff");
        rule(READERS, "listHandoffs", "getHandoff");
        rule(ACTORS, "createEscalation");
        // Interpret may call a paid model and open escalations: the roles that act, not the readers.
        rule(ACTORS, "interpret");
        rule(BUILDERS, "claimEscalation", "resolveEscalation", "dismissEscalation");
        rule(READERS, "listEscalations", "getEscalation");
        rule(ACTORS, "claimTask", "heartbeatTask", "completeTask", "failTask");
        rule(READERS, "listTasks", "getTask");
        rule(BUILDERS, "createSchedule", "updateSchedule", "deleteSchedule", "pauseSchedule", "resumeSchedule");
        rule(READERS, "listSchedules", "getSchedule", "listScheduleFires");
        rule(AUDIT_READERS, "listAuditEntries", "verifyAuditChain");
        rule(PEOPLE, "getUsage", "getLimits");
        // Secret values are never returned; their names tell workflow authors what they may use.
        rule(ADMINS, "putSecret", "deleteSecret");
        rule(EnumSet.of(ADMIN, DEVELOPER), "listSecrets");
        rule(ADMINS, "setLimits");
        // An org's quota: admins of the instance admin organization only (LimitService answers 404 to others).
        rule(ADMINS, "getOrgQuota", "setOrgQuota");
        // Any key may speak MCP; each tool call is then checked against the rule of the operation it stands for.
        rule(READERS, "postMcpMessage", "openMcpStream", "endMcpSession");
    }

    private AccessPolicy() {}

    private static void rule(Set<Role> roles, String... operationIds) {
        for (String operationId : operationIds) {
            RULES.put(operationId, Set.copyOf(roles));
        }
    }

    /** The roles allowed to call an operation; fails for an operation nobody decided about. */
    public static Set<Role> rolesFor(String operationId) {
        Set<Role> roles = RULES.get(operationId);
        if (roles == null) {
            throw new IllegalStateException("operation " + operationId + " has no rule in AccessPolicy: decide which "
                    + "roles may call it (and add it to the matrix in docs/security.md)");
        }
        return roles;
    }

    public static void check(Actor actor, String operationId, Set<Role> allowed) {
        if (!allowed.contains(actor.role())) {
            List<String> names = allowed.stream().map(Role::wireName).sorted().toList();
            throw new ProblemException(403, "forbidden", "Forbidden", "a key with role '" + actor.role().wireName()
                    + "' may not call " + operationId + "; use a key with one of the roles " + names);
        }
    }
}
