package dev.agentplane.server.orgs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.server.executions.ExecutionFixtures;
import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiTest;

/** A key of one org naming an id of another gets 404, never 403: it cannot even learn the id exists. */
class TenantIsolationApiTest {

    private record Tenant(Api api, String agentId, String workflow, String executionId, String keyId, String stateNs) {}

    private static Tenant populate(Api api) {
        String agentId = api.post("/v1/agents", "{\"name\": \"agent-" + Api.unique() + "\"}").expect(201).id();
        String workflow = ExecutionFixtures.workflow(api);
        String executionId = ExecutionFixtures.start(api, workflow);
        String keyId = api.post("/v1/keys", "{\"name\": \"ci\", \"role\": \"viewer\"}").expect(201).id();
        String ns = "ns-" + Api.unique();
        api.put("/v1/state/" + ns + "/secret", "{\"value\": 42}").expect(201);
        return new Tenant(api, agentId, workflow, executionId, keyId, ns);
    }

    private static void seesNothingOf(Api intruder, Tenant victim) {
        intruder.get("/v1/agents/" + victim.agentId()).expectProblem(404, null);
        intruder.patch("/v1/agents/" + victim.agentId(), "{\"description\": \"mine\"}").expectProblem(404, null);
        intruder.post("/v1/agents/" + victim.agentId() + "/deactivate", null).expectProblem(404, null);
        intruder.get("/v1/workflows/" + victim.workflow()).expectProblem(404, null);
        intruder.get("/v1/executions/" + victim.executionId()).expectProblem(404, null);
        intruder.post("/v1/keys/" + victim.keyId() + "/revoke", null).expectProblem(404, null);
        intruder.post("/v1/keys/" + victim.keyId() + "/rotate", null).expectProblem(404, null);
        intruder.get("/v1/state/" + victim.stateNs() + "/secret").expectProblem(404, null);
        assertThat(intruder.listAll("/v1/keys")).extracting(k -> k.get("id").asText()).doesNotContain(victim.keyId());
        assertThat(intruder.listAll("/v1/agents")).extracting(a -> a.get("id").asText()).doesNotContain(victim.agentId());
        assertThat(intruder.listAll("/v1/executions")).extracting(e -> e.get("id").asText())
                .doesNotContain(victim.executionId());
    }

    @ApiTest
    void orgs_cannot_see_or_touch_each_others_resources(Api api) {
        JsonNode created = OrgApiTest.createOrg(api);
        Api other = api.as(created.get("admin_key").get("key").asText());
        Tenant mine = populate(api);
        Tenant theirs = populate(other);

        seesNothingOf(api, theirs);
        seesNothingOf(other, mine);

        other.get("/v1/agents/" + theirs.agentId()).expect(200);
        api.get("/v1/agents/" + mine.agentId()).expect(200);
        api.get("/v1/state/" + mine.stateNs() + "/secret").expect(200);
    }
}
