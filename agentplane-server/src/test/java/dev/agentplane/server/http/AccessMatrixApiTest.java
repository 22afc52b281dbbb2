package dev.agentplane.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiResponse;
import dev.agentplane.server.testing.ApiTest;
import dev.agentplane.tenancy.Role;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Walks every operation of openapi.yaml with a key of every role: a role outside the operation's rule gets 403,
 * a role inside it never does. A route without a rule cannot even be registered.
 */
class AccessMatrixApiTest {
    private static final String SOME_ID = "01933b9a-0000-7000-8000-000000000000";

    @ApiTest
    void every_operation_enforces_its_role_rule_for_every_role(Api api) {
        String agentId = api.post("/v1/agents", "{\"name\": \"matrix-" + Api.unique() + "\"}").expect(201).id();
        Map<Role, Api> callers = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            String body = "{\"name\": \"" + role.wireName() + "\", \"role\": \"" + role.wireName() + "\""
                    + (role == Role.AGENT ? ", \"agent_id\": \"" + agentId + "\"" : "") + "}";
            callers.put(role, api.as(api.post("/v1/keys", body).expect(201).body().get("key").asText()));
        }
        List<String> checked = new ArrayList<>();
        for (OpenApiContract.Operation operation : OpenApiContract.load().operations()) {
            if (!ApiRouter.needsKey(operation.path())) {
                continue;
            }
            var allowed = AccessPolicy.rolesFor(operation.operationId());
            String path = concrete(operation.path());
            for (Role role : Role.values()) {
                ApiResponse response = callers.get(role).send(operation.method(), path,
                        operation.method().equals("GET") || operation.method().equals("DELETE") ? null : "{}",
                        "application/json");
                if (allowed.contains(role)) {
                    assertThat(response.status()).as("%s as %s: %s", operation.operationId(), role, response.text())
                            .isNotEqualTo(403);
                } else {
                    response.expectProblem(403, null);
                }
                checked.add(operation.operationId() + "/" + role);
            }
        }
        long operations = OpenApiContract.load().operations().stream().filter(op -> ApiRouter.needsKey(op.path())).count();
        assertThat(checked).hasSize((int) operations * Role.values().length);
    }

    @ApiTest
    void an_agent_key_acts_only_as_its_own_agent(Api api) {
        String self = api.post("/v1/agents", "{\"name\": \"self-" + Api.unique() + "\"}").expect(201).id();
        String other = api.post("/v1/agents", "{\"name\": \"other-" + Api.unique() + "\"}").expect(201).id();
        Api agent = api.as(api.post("/v1/keys", "{\"name\": \"a\", \"role\": \"agent\", \"agent_id\": \"" + self + "\"}")
                .expect(201).body().get("key").asText());

        agent.post("/v1/agents/" + self + "/heartbeat", null).expect(200);
        agent.post("/v1/agents/" + other + "/heartbeat", null).expectProblem(403, null);
        agent.patch("/v1/agents/" + other, "{\"description\": \"hijacked\"}").expectProblem(403, null);
        agent.post("/v1/agents/" + SOME_ID + "/heartbeat", null).expectProblem(404, null);
        api.post("/v1/keys", "{\"name\": \"unbound\", \"role\": \"agent\"}").expectProblem(400, "/agent_id");

        agent.post("/v1/handoffs", "{\"from_agent_id\": \"" + other + "\", \"to_agent_id\": \"" + self + "\"}")
                .expectProblem(403, null);
        String mine = agent.post("/v1/handoffs", "{\"from_agent_id\": \"" + self + "\", \"to_agent_id\": \"" + other + "\"}")
                .expect(201).id();
        agent.post("/v1/handoffs/" + mine + "/accept", "{}").expectProblem(403, null);
        agent.post("/v1/handoffs/" + mine + "/reject", "{\"reason\": \"not mine\"}").expectProblem(403, null);
        agent.post("/v1/escalations", "{\"reason\": \"help\", \"agent_id\": \"" + other + "\"}").expectProblem(403, null);
        agent.post("/v1/escalations", "{\"reason\": \"help\"}").expect(201);
    }

    @ApiTest
    void an_agent_key_sees_only_its_own_handoffs_and_escalations(Api api) {
        String self = api.post("/v1/agents", "{\"name\": \"seer-" + Api.unique() + "\"}").expect(201).id();
        String other = api.post("/v1/agents", "{\"name\": \"other-" + Api.unique() + "\"}").expect(201).id();
        String third = api.post("/v1/agents", "{\"name\": \"third-" + Api.unique() + "\"}").expect(201).id();
        Api agent = api.as(api.post("/v1/keys", "{\"name\": \"a\", \"role\": \"agent\", \"agent_id\": \"" + self + "\"}")
                .expect(201).body().get("key").asText());
        String toSelf = api.post("/v1/handoffs", "{\"from_agent_id\": \"" + other + "\", \"to_agent_id\": \"" + self + "\"}").expect(201).id();
        String offered = api.post("/v1/handoffs", "{\"from_agent_id\": \"" + other + "\", \"to_capability\": \"cap-" + Api.unique() + "\"}").expect(201).id();
        String between = api.post("/v1/handoffs", "{\"from_agent_id\": \"" + other + "\", \"to_agent_id\": \"" + third + "\"}").expect(201).id();
        String mine = agent.post("/v1/escalations", "{\"reason\": \"help me\"}").expect(201).id();
        String theirs = api.post("/v1/escalations", "{\"reason\": \"help them\", \"agent_id\": \"" + other + "\"}").expect(201).id();

        assertThat(agent.listAll("/v1/handoffs")).extracting(h -> h.get("id").asText()).contains(toSelf, offered).doesNotContain(between);
        agent.get("/v1/handoffs/" + toSelf).expect(200);
        agent.get("/v1/handoffs/" + between).expectProblem(404, null);
        assertThat(agent.listAll("/v1/escalations")).extracting(e -> e.get("id").asText()).containsExactly(mine);
        agent.get("/v1/escalations/" + theirs).expectProblem(404, null);
        assertThat(api.listAll("/v1/escalations")).extracting(e -> e.get("id").asText()).contains(mine, theirs);
    }

    private static String concrete(String template) {
        return template.replace("{agent_id}", SOME_ID).replace("{execution_id}", SOME_ID)
                .replace("{handoff_id}", SOME_ID).replace("{escalation_id}", SOME_ID).replace("{schedule_id}", SOME_ID).replace("{key_id}", SOME_ID)
                .replace("{org_id}", SOME_ID).replace("{task_id}", SOME_ID).replace("{namespace}", "matrix").replace("{key}", "k")
                .replace("{name}", "matrix-workflow").replace("{version}", "1");
    }
}
