package dev.agentplane.server.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiTest;
import java.time.Duration;
import java.time.Instant;

class KeyApiTest {

    @ApiTest
    void an_admin_creates_a_key_that_works_and_is_listed_without_its_secret(Api api) {
        JsonNode created = api.post("/v1/keys", "{\"name\": \"ci\", \"role\": \"developer\"}").expect(201).body();
        String key = created.get("key").asText();

        api.as(key).get("/v1/agents").expect(200);
        JsonNode listed = api.listAll("/v1/keys").stream()
                .filter(k -> k.get("id").asText().equals(created.get("id").asText())).findFirst().orElseThrow();
        assertThat(listed.has("key")).isFalse();
        assertThat(key).startsWith(listed.get("prefix").asText());
        assertThat(listed.get("last_used_at").isNull()).isFalse();
    }

    @ApiTest
    void a_key_can_be_bound_to_an_agent(Api api) {
        String agentId = api.post("/v1/agents", "{\"name\": \"bound-" + Api.unique() + "\"}").expect(201).id();

        JsonNode created = api.post("/v1/keys", "{\"name\": \"bot\", \"role\": \"agent\", \"agent_id\": \"" + agentId + "\"}")
                .expect(201).body();

        assertThat(created.get("agent_id").asText()).isEqualTo(agentId);
        api.post("/v1/keys", "{\"name\": \"bot\", \"role\": \"agent\", \"agent_id\": \"01933b9a-0000-7000-8000-000000000000\"}")
                .expectProblem(404, "/agent_id");
    }

    @ApiTest
    void only_admins_manage_keys(Api api) {
        String developer = api.newKey("developer");

        api.as(developer).post("/v1/keys", "{\"name\": \"x\", \"role\": \"admin\"}").expectProblem(403, null);
        api.as(developer).get("/v1/keys").expectProblem(403, null);
    }

    @ApiTest
    void an_unknown_role_is_rejected_by_name(Api api) {
        api.post("/v1/keys", "{\"name\": \"x\", \"role\": \"superuser\"}").expectProblem(400, "/role");
        api.post("/v1/keys", "{\"role\": \"viewer\"}").expectProblem(400, "/name");
    }

    private static JsonNode listed(Api api, String keyId) {
        return api.listAll("/v1/keys").stream().filter(k -> k.get("id").asText().equals(keyId)).findFirst().orElseThrow();
    }

    /** A 401 tells nothing about why: a revoked or expired key looks exactly like an unknown one. */
    private static void rejectedLikeAnUnknownKey(Api api, String key) {
        JsonNode unknown = api.as("ap_00000000000000000000000000000000_nope").get("/v1/agents").expectProblem(401, null).body();
        JsonNode rejected = api.as(key).get("/v1/agents").expectProblem(401, null).body();
        assertThat(rejected.get("detail")).isEqualTo(unknown.get("detail"));
        assertThat(rejected.get("type")).isEqualTo(unknown.get("type"));
    }

    @ApiTest
    void a_key_takes_an_expiry_and_a_rate_limit_and_stops_at_its_expiry(Api api) {
        Instant expiry = api.clock().instant().plus(Duration.ofHours(1));
        JsonNode created = api.post("/v1/keys", "{\"name\": \"temp\", \"role\": \"viewer\", \"expires_at\": \"" + expiry
                + "\", \"rate_limit_per_minute\": 30}").expect(201).body();
        String key = created.get("key").asText();

        assertThat(Instant.parse(created.get("expires_at").asText())).isEqualTo(expiry);
        assertThat(created.get("rate_limit_per_minute").asInt()).isEqualTo(30);
        JsonNode listed = listed(api, created.get("id").asText());
        assertThat(Instant.parse(listed.get("expires_at").asText())).isEqualTo(expiry);
        assertThat(listed.get("revoked_at").isNull()).isTrue();
        api.as(key).get("/v1/agents").expect(200);

        api.clock().advance(Duration.ofHours(1));

        rejectedLikeAnUnknownKey(api, key);
    }

    @ApiTest
    void a_past_expiry_or_a_rate_limit_below_one_is_rejected_by_name(Api api) {
        String past = api.clock().instant().minusSeconds(60).toString();
        api.post("/v1/keys", "{\"name\": \"x\", \"role\": \"viewer\", \"expires_at\": \"" + past + "\"}")
                .expectProblem(400, "/expires_at");
        api.post("/v1/keys", "{\"name\": \"x\", \"role\": \"viewer\", \"expires_at\": \"tomorrow\"}")
                .expectProblem(400, "/expires_at");
        api.post("/v1/keys", "{\"name\": \"x\", \"role\": \"viewer\", \"rate_limit_per_minute\": 0}")
                .expectProblem(400, "/rate_limit_per_minute");
        api.post("/v1/keys", "{\"name\": \"x\", \"role\": \"viewer\", \"rate_limit_per_minute\": 1.5}")
                .expectProblem(400, "/rate_limit_per_minute");
    }

    @ApiTest
    void a_revoked_key_gets_the_401_of_an_unknown_key_at_once(Api api) {
        JsonNode created = api.post("/v1/keys", "{\"name\": \"ci\", \"role\": \"developer\"}").expect(201).body();
        String key = created.get("key").asText();
        api.as(key).get("/v1/agents").expect(200);

        JsonNode revoked = api.post("/v1/keys/" + created.get("id").asText() + "/revoke", null).expect(200).body();

        assertThat(revoked.get("revoked_at").isNull()).isFalse();
        rejectedLikeAnUnknownKey(api, key);
        api.post("/v1/keys/" + created.get("id").asText() + "/revoke", null).expect(200);
        api.post("/v1/keys/" + created.get("id").asText() + "/rotate", null).expectProblem(409, null);
        api.post("/v1/keys/01933b9a-0000-7000-8000-000000000000/revoke", null).expectProblem(404, null);
        api.post("/v1/keys/nope/revoke", null).expectProblem(400, "key_id");
    }

    @ApiTest
    void a_rotated_key_keeps_working_for_the_grace_period_then_stops(Api api) {
        JsonNode old = api.post("/v1/keys", "{\"name\": \"deploy\", \"role\": \"developer\"}").expect(201).body();
        String oldKey = old.get("key").asText();

        JsonNode fresh = api.post("/v1/keys/" + old.get("id").asText() + "/rotate", "{\"grace_seconds\": 120}")
                .expect(201).body();

        assertThat(fresh.get("name").asText()).isEqualTo("deploy");
        assertThat(fresh.get("role").asText()).isEqualTo("developer");
        api.as(oldKey).get("/v1/agents").expect(200);
        api.as(fresh.get("key").asText()).get("/v1/agents").expect(200);
        assertThat(Instant.parse(listed(api, old.get("id").asText()).get("expires_at").asText()))
                .isEqualTo(api.clock().instant().plusSeconds(120));

        api.clock().advance(Duration.ofSeconds(121));

        rejectedLikeAnUnknownKey(api, oldKey);
        api.as(fresh.get("key").asText()).get("/v1/agents").expect(200);
    }

    @ApiTest
    void rotation_defaults_to_an_hour_of_grace_and_checks_its_bounds(Api api) {
        JsonNode old = api.post("/v1/keys", "{\"name\": \"svc\", \"role\": \"viewer\"}").expect(201).body();
        String path = "/v1/keys/" + old.get("id").asText() + "/rotate";

        api.post(path, "{\"grace_seconds\": -1}").expectProblem(400, "/grace_seconds");
        api.post(path, "{\"grace_seconds\": 2592001}").expectProblem(400, "/grace_seconds");
        api.post(path, null).expect(201);

        assertThat(Instant.parse(listed(api, old.get("id").asText()).get("expires_at").asText()))
                .isEqualTo(api.clock().instant().plus(Duration.ofHours(1)));
    }

    @ApiTest
    void revoking_and_rotating_are_for_admins(Api api) {
        String developer = api.newKey("developer");
        String keyId = api.listAll("/v1/keys").get(0).get("id").asText();

        api.as(developer).post("/v1/keys/" + keyId + "/revoke", null).expectProblem(403, null);
        api.as(developer).post("/v1/keys/" + keyId + "/rotate", null).expectProblem(403, null);
    }
}
