package dev.agentplane.server.orgs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiTest;

class OrgApiTest {
    private static final String UNKNOWN_ID = "01933b9a-0000-7000-8000-000000000000";

    static JsonNode createOrg(Api instanceAdmin) {
        return instanceAdmin.post("/v1/orgs", Json.object().put("name", "org-" + Api.unique())).expect(201).body();
    }

    private static String instanceAdminOrgId(Api api) {
        return api.listAll("/v1/orgs").stream().filter(org -> org.get("instance_admin").asBoolean())
                .findFirst().orElseThrow().get("id").asText();
    }

    @ApiTest
    void the_instance_admin_creates_an_org_whose_admin_key_works_in_it_alone(Api api) {
        var response = api.post("/v1/orgs", Json.object().put("name", "acme-" + Api.unique())).expect(201);
        JsonNode created = response.body();
        String orgId = created.get("org").get("id").asText();
        Api orgAdmin = api.as(created.get("admin_key").get("key").asText());

        assertThat(response.header("Location")).isEqualTo("/v1/orgs/" + orgId);
        assertThat(created.get("admin_key").get("role").asText()).isEqualTo("admin");
        assertThat(api.get("/v1/orgs/" + orgId).expect(200).body()).isEqualTo(created.get("org"));
        assertThat(api.listAll("/v1/orgs")).extracting(org -> org.get("id").asText()).contains(orgId);
        orgAdmin.post("/v1/agents", "{\"name\": \"worker\"}").expect(201);
        assertThat(orgAdmin.listAll("/v1/keys")).hasSize(1);
        assertThat(api.listAll("/v1/agents")).extracting(a -> a.get("name").asText()).doesNotContain("worker");
    }

    @ApiTest
    void org_names_are_unique_and_valid(Api api) {
        String name = "dup-" + Api.unique();
        api.post("/v1/orgs", Json.object().put("name", name)).expect(201);

        api.post("/v1/orgs", Json.object().put("name", name)).expectProblem(409, null);
        api.post("/v1/orgs", Json.object().put("name", "has space")).expectProblem(400, "/name");
        api.post("/v1/orgs", "{}").expectProblem(400, "/name");
        api.get("/v1/orgs/" + UNKNOWN_ID).expectProblem(404, null);
        api.get("/v1/orgs/not-a-uuid").expectProblem(400, "org_id");
    }

    @ApiTest
    void disabling_an_org_stops_its_keys_at_once(Api api) {
        JsonNode created = createOrg(api);
        String orgId = created.get("org").get("id").asText();
        Api orgAdmin = api.as(created.get("admin_key").get("key").asText());
        orgAdmin.get("/v1/agents").expect(200);

        JsonNode disabled = api.post("/v1/orgs/" + orgId + "/disable", null).expect(200).body();

        assertThat(disabled.get("status").asText()).isEqualTo("disabled");
        orgAdmin.get("/v1/agents").expectProblem(401, null);
        api.post("/v1/orgs/" + orgId + "/disable", null).expect(200);
        api.post("/v1/orgs/" + UNKNOWN_ID + "/disable", null).expectProblem(404, null);
        JsonNode audit = api.get("/v1/audit?action=org.disable").expect(200).body();
        assertThat(audit.get("items")).extracting(row -> row.get("resource_id").asText()).contains(orgId);
    }

    @ApiTest
    void the_instance_admin_org_cannot_be_disabled(Api api) {
        api.post("/v1/orgs/" + instanceAdminOrgId(api) + "/disable", null).expectProblem(409, null);
    }

    @ApiTest
    void other_keys_are_forbidden_the_collection_and_find_no_org(Api api) {
        String instanceOrg = instanceAdminOrgId(api);
        JsonNode created = createOrg(api);
        String orgId = created.get("org").get("id").asText();
        Api otherOrgAdmin = api.as(created.get("admin_key").get("key").asText());
        Api instanceDeveloper = api.as(api.newKey("developer"));

        // A non-admin role is refused by the role matrix whatever the id (so the 403 reveals nothing);
        // an admin of another org is an admin, but of no org it may see: 404.
        for (Api outsider : new Api[] {otherOrgAdmin, instanceDeveloper}) {
            outsider.post("/v1/orgs", Json.object().put("name", "x-" + Api.unique())).expectProblem(403, null);
            outsider.get("/v1/orgs").expectProblem(403, null);
            int expected = outsider == instanceDeveloper ? 403 : 404;
            for (String id : new String[] {orgId, instanceOrg, UNKNOWN_ID}) {
                outsider.get("/v1/orgs/" + id).expectProblem(expected, null);
                outsider.post("/v1/orgs/" + id + "/disable", null).expectProblem(expected, null);
            }
        }
        api.as(api.newKey("viewer")).get("/v1/orgs").expectProblem(403, null);
        assertThat(api.get("/v1/orgs/" + orgId).expect(200).body().get("status").asText()).isEqualTo("active");
    }
}
