package dev.agentplane.server.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiResponse;
import dev.agentplane.server.testing.ApiTest;

class SecretApiTest {

    @ApiTest
    void admins_write_secrets_that_no_answer_ever_shows(Api api) {
        String name = "token_" + Api.unique().replace("-", "_");
        String value = "sk-" + Api.unique();

        ApiResponse created = api.put("/v1/secrets/" + name, "{\"value\": \"" + value + "\"}").expect(201);
        ApiResponse replaced = api.put("/v1/secrets/" + name, "{\"value\": \"" + value + "2\"}").expect(200);
        ApiResponse listed = api.as(api.newKey("developer")).get("/v1/secrets").expect(200);

        assertThat(created.body().get("name").asText()).isEqualTo(name);
        for (ApiResponse response : new ApiResponse[] {created, replaced, listed}) {
            assertThat(response.text()).doesNotContain(value);
        }
        assertThat(listed.body().get("items")).extracting(s -> s.get("name").asText()).contains(name);
        assertThat(api.get("/v1/audit?action=secret.update").expect(200).text()).doesNotContain(value);
        api.as(api.newKey("viewer")).get("/v1/secrets").expectProblem(403, null);
        api.as(api.newKey("developer")).put("/v1/secrets/" + name, "{\"value\": \"x\"}").expectProblem(403, null);
        api.put("/v1/secrets/bad-name", "{\"value\": \"x\"}").expectProblem(400, "name");
        api.put("/v1/secrets/" + name, "{}").expectProblem(400, "/value");
        api.delete("/v1/secrets/" + name).expect(204);
        api.delete("/v1/secrets/" + name).expectProblem(404, null);
    }
}
