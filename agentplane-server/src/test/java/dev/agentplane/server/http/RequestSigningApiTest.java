package dev.agentplane.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.server.config.RateLimitSettings;
import dev.agentplane.server.config.ServerConfig;
import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiResponse;
import dev.agentplane.server.testing.ApiTest;
import dev.agentplane.server.testing.RequestSigner;
import dev.agentplane.server.testing.TestServer;
import dev.agentplane.testing.DatabaseKind;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Keys created with "signed": true must sign every request (docs/security.md, "Request signing"). Requests are
 * signed by {@link RequestSigner}, written from the document, so these tests also hold the server to it.
 */
class RequestSigningApiTest {

    /** A signed key: the key, its secret, and the server to call. */
    private record SignedKey(Api api, String id, String key, String secret) {
        static SignedKey create(Api admin) {
            JsonNode created = admin.post("/v1/keys", "{\"name\": \"signer-" + Api.unique()
                    + "\", \"role\": \"developer\", \"signed\": true}").expect(201).body();
            return new SignedKey(admin.as(created.get("key").asText()), created.get("id").asText(),
                    created.get("key").asText(), created.get("signing_secret").asText());
        }

        long now() {
            return Math.floorDiv(api.clock().millis(), 1000);
        }

        ApiResponse send(String method, String target, String body) {
            return sendSigned(method, target, body, RequestSigner.headers(secret, now(), method, target, body));
        }

        ApiResponse sendSigned(String method, String target, String body, String... headers) {
            return api.send(method, target, body, body == null ? null : "application/json", headers);
        }
    }

    private static String detailOf(ApiResponse response) {
        response.expectProblem(401, null);
        assertThat(response.body().get("type").asText()).endsWith("unauthorized");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        return response.body().get("detail").asText();
    }

    @ApiTest
    void a_signed_key_shows_its_secret_once_and_is_listed_as_signed(Api api) {
        JsonNode signed = api.post("/v1/keys", "{\"name\": \"signed\", \"role\": \"viewer\", \"signed\": true}")
                .expect(201).body();
        JsonNode plain = api.post("/v1/keys", "{\"name\": \"plain\", \"role\": \"viewer\"}").expect(201).body();

        assertThat(signed.get("signed").asBoolean()).isTrue();
        assertThat(signed.get("signing_secret").asText()).startsWith("aps_").hasSize(47);
        assertThat(plain.get("signed").asBoolean()).isFalse();
        assertThat(plain.get("signing_secret").isNull()).isTrue();
        List<JsonNode> listed = api.listAll("/v1/keys");
        assertThat(listed).filteredOn(k -> k.get("id").asText().equals(signed.get("id").asText()))
                .singleElement().satisfies(k -> assertThat(k.get("signed").asBoolean()).isTrue());
        assertThat(listed).filteredOn(k -> k.get("id").asText().equals(plain.get("id").asText()))
                .singleElement().satisfies(k -> assertThat(k.get("signed").asBoolean()).isFalse());
        assertThat(listed.toString()).doesNotContain(signed.get("signing_secret").asText()).doesNotContain("signing_secret");
        assertThat(api.listAll("/v1/audit").toString()).doesNotContain(signed.get("signing_secret").asText());
        api.post("/v1/keys", "{\"name\": \"x\", \"role\": \"viewer\", \"signed\": \"yes\"}").expectProblem(400, "/signed");
    }

    @ApiTest
    void a_signed_request_is_accepted_with_its_raw_path_query_and_body(Api api) {
        SignedKey signer = SignedKey.create(api);

        signer.send("GET", "/v1/agents", null).expect(200);
        signer.send("PUT", "/v1/state/signed/cart%3A42", "{\"value\": {\"items\": 3}}").expect(201);
        // Percent-encoding is signed as sent: the server does not decode the target before checking.
        JsonNode page = signer.send("GET", "/v1/state/signed?prefix=cart%3A&limit=5", null).expect(200).body();
        assertThat(page.get("items").get(0).get("key").asText()).isEqualTo("cart:42");
        signer.send("POST", "/v1/agents", "{\"name\": \"signed-" + Api.unique() + "\"}").expect(201);
    }

    @ApiTest
    void missing_headers_are_named(Api api) {
        SignedKey signer = SignedKey.create(api);
        long now = signer.now();
        String signature = "v1=" + RequestSigner.signature(signer.secret(), now, "GET", "/v1/agents", null);

        assertThat(detailOf(signer.sendSigned("GET", "/v1/agents", null)))
                .contains("neither AgentPlane-Timestamp nor AgentPlane-Signature");
        assertThat(detailOf(signer.sendSigned("GET", "/v1/agents", null, "AgentPlane-Signature", signature)))
                .contains("AgentPlane-Timestamp header is missing").contains("Unix time in seconds");
        assertThat(detailOf(signer.sendSigned("GET", "/v1/agents", null, "AgentPlane-Timestamp", String.valueOf(now))))
                .contains("AgentPlane-Signature header is missing")
                .contains("v1=<64 lowercase hex digits>").contains("<timestamp>\\n<METHOD>\\n<path>[?<query>]\\n");
    }

    @ApiTest
    void malformed_headers_and_other_schemes_are_refused_with_the_expected_format(Api api) {
        SignedKey signer = SignedKey.create(api);
        String ts = String.valueOf(signer.now());
        String good = RequestSigner.signature(signer.secret(), signer.now(), "GET", "/v1/agents", null);

        assertThat(detailOf(signer.sendSigned("GET", "/v1/agents", null, "AgentPlane-Timestamp", "yesterday",
                "AgentPlane-Signature", "v1=" + good))).contains("Unix time in whole seconds");
        assertThat(detailOf(signer.sendSigned("GET", "/v1/agents", null, "AgentPlane-Timestamp", ts + "000",
                "AgentPlane-Signature", "v1=" + good))).contains("looks like milliseconds");
        assertThat(detailOf(signer.sendSigned("GET", "/v1/agents", null, "AgentPlane-Timestamp", ts,
                "AgentPlane-Signature", "v1=" + good + ",v1=" + good))).contains("several values; send exactly one");
        assertThat(detailOf(signer.sendSigned("GET", "/v1/agents", null, "AgentPlane-Timestamp", ts,
                "AgentPlane-Signature", "v2=" + good))).contains("scheme 'v2' is not supported");
        assertThat(detailOf(signer.sendSigned("GET", "/v1/agents", null, "AgentPlane-Timestamp", ts,
                "AgentPlane-Signature", good))).contains("is malformed").contains("v1=<64 lowercase hex digits>");
        assertThat(detailOf(signer.sendSigned("GET", "/v1/agents", null, "AgentPlane-Timestamp", ts,
                "AgentPlane-Signature", "v1=" + good.toUpperCase()))).contains("is malformed");
        assertThat(detailOf(signer.sendSigned("GET", "/v1/agents", null, "AgentPlane-Timestamp", ts,
                "AgentPlane-Signature", "v1=" + good.substring(2)))).contains("is malformed");
        // None of these used the signature up: sent well formed, it is accepted.
        signer.sendSigned("GET", "/v1/agents", null, "AgentPlane-Timestamp", ts, "AgentPlane-Signature", "v1=" + good)
                .expect(200);
    }

    @ApiTest
    void a_signature_over_anything_but_this_request_with_this_secret_is_refused_without_showing_the_right_one(Api api) {
        SignedKey signer = SignedKey.create(api);
        SignedKey other = SignedKey.create(api);
        long now = signer.now();
        String body = "{\"name\": \"tampered-" + Api.unique() + "\"}";
        String right = RequestSigner.signature(signer.secret(), now, "POST", "/v1/agents", body);

        List<ApiResponse> refused = List.of(
                // another key's secret
                signer.sendSigned("POST", "/v1/agents", body, RequestSigner.headers(other.secret(), now, "POST", "/v1/agents", body)),
                // the body changed after signing
                signer.sendSigned("POST", "/v1/agents", body.replace("tampered", "altered"),
                        RequestSigner.headers(signer.secret(), now, "POST", "/v1/agents", body)),
                // the path changed
                signer.sendSigned("GET", "/v1/keys", null, RequestSigner.headers(signer.secret(), now, "GET", "/v1/agents", null)),
                // the query changed, or was signed decoded
                signer.sendSigned("GET", "/v1/agents?limit=2", null,
                        RequestSigner.headers(signer.secret(), now, "GET", "/v1/agents?limit=1", null)),
                signer.sendSigned("GET", "/v1/state/signed?prefix=a%3Ab", null,
                        RequestSigner.headers(signer.secret(), now, "GET", "/v1/state/signed?prefix=a:b", null)),
                // the method changed
                signer.sendSigned("PATCH", "/v1/agents/01933b9a-0000-7000-8000-000000000000", "{}",
                        RequestSigner.headers(signer.secret(), now, "POST", "/v1/agents/01933b9a-0000-7000-8000-000000000000", "{}")),
                // the timestamp changed
                signer.sendSigned("POST", "/v1/agents", body, "AgentPlane-Timestamp", String.valueOf(now - 1),
                        "AgentPlane-Signature", "v1=" + right));

        for (ApiResponse response : refused) {
            assertThat(detailOf(response)).contains("does not match this request").contains("the string to sign is \"")
                    .doesNotContain(right);
        }
        assertThat(detailOf(refused.get(0))).contains("\"" + now + "\\nPOST\\n/v1/agents\\n" + RequestSigner.sha256Hex(body) + "\"");
        assertThat(detailOf(refused.get(4))).contains("\\nGET\\n/v1/state/signed?prefix=a%3Ab\\n");
        assertThat(api.listAll("/v1/agents").toString()).doesNotContain("tampered-").doesNotContain("altered-");
    }

    @ApiTest
    void a_timestamp_more_than_five_minutes_away_is_refused_with_its_age(Api api) {
        SignedKey signer = SignedKey.create(api);
        long signedAt = signer.now();
        String[] headers = RequestSigner.headers(signer.secret(), signedAt, "GET", "/v1/agents", null);

        api.clock().advance(Duration.ofSeconds(412));
        assertThat(detailOf(signer.sendSigned("GET", "/v1/agents", null, headers)))
                .contains("the AgentPlane-Timestamp is 412 s old; signed requests are valid for 300 s: sign each request "
                        + "when you send it and check the client's clock");

        long now = signer.now();
        assertThat(detailOf(signer.sendSigned("GET", "/v1/agents", null,
                RequestSigner.headers(signer.secret(), now + 301, "GET", "/v1/agents", null))))
                .contains("is 301 s in the future").contains("check the client's clock");
        // Exactly five minutes either way is still inside the window.
        signer.sendSigned("GET", "/v1/agents", null, RequestSigner.headers(signer.secret(), now - 300, "GET", "/v1/agents", null))
                .expect(200);
        signer.sendSigned("GET", "/v1/agents", null, RequestSigner.headers(signer.secret(), now + 300, "GET", "/v1/agents", null))
                .expect(200);
    }

    @ApiTest
    void a_replayed_request_is_refused(Api api) {
        SignedKey signer = SignedKey.create(api);
        String body = "{\"value\": 1}";
        String[] headers = RequestSigner.headers(signer.secret(), signer.now(), "PUT", "/v1/state/signed/replayed", body);

        signer.sendSigned("PUT", "/v1/state/signed/replayed", body, headers).expect(201);
        assertThat(detailOf(signer.sendSigned("PUT", "/v1/state/signed/replayed", body, headers)))
                .contains("was already used: the request was replayed");
        // The same request signed a second later is a new request.
        api.clock().advance(Duration.ofSeconds(1));
        signer.send("PUT", "/v1/state/signed/replayed", body).expect(200);
    }

    @ApiTest
    void a_key_that_does_not_sign_is_unaffected_by_signing_headers(Api api) {
        Api plain = api.as(api.newKey("developer"));

        plain.get("/v1/agents").expect(200);
        plain.get("/v1/agents", "AgentPlane-Timestamp", "0", "AgentPlane-Signature", "v9=nonsense").expect(200);
    }

    @ApiTest
    void rotating_a_signed_key_issues_a_new_secret_and_the_old_pair_works_through_the_grace_period(Api api) {
        SignedKey old = SignedKey.create(api);
        JsonNode rotated = api.post("/v1/keys/" + old.id() + "/rotate", "{\"grace_seconds\": 120}").expect(201).body();
        SignedKey fresh = new SignedKey(api.as(rotated.get("key").asText()), rotated.get("id").asText(),
                rotated.get("key").asText(), rotated.get("signing_secret").asText());

        assertThat(rotated.get("signed").asBoolean()).isTrue();
        assertThat(fresh.secret()).startsWith("aps_").isNotEqualTo(old.secret());
        old.send("GET", "/v1/agents", null).expect(200);
        fresh.send("GET", "/v1/agents", null).expect(200);
        SignedKey freshWithOldSecret = new SignedKey(fresh.api(), fresh.id(), fresh.key(), old.secret());
        api.clock().advance(Duration.ofSeconds(1));
        assertThat(detailOf(freshWithOldSecret.send("GET", "/v1/agents", null))).contains("does not match");

        api.clock().advance(Duration.ofSeconds(120));
        assertThat(detailOf(old.send("GET", "/v1/agents", null))).contains("API key is not valid");
        fresh.send("GET", "/v1/agents", null).expect(200);
        assertThat(api.listAll("/v1/audit").toString()).doesNotContain(old.secret()).doesNotContain(fresh.secret());
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void bad_signatures_count_as_failed_authentications_of_the_client_address(DatabaseKind kind) {
        try (TestServer server = TestServer.start(kind, "signedguess", config -> config.withRateLimits(
                new RateLimitSettings(RateLimitSettings.defaults().perMinuteByRole(), 2)))) {
            SignedKey signer = SignedKey.create(server.api());
            long now = signer.now();

            for (int i = 0; i < 2; i++) {
                detailOf(signer.sendSigned("GET", "/v1/agents", null,
                        RequestSigner.headers("aps_guessed", now, "GET", "/v1/agents", null)));
            }

            signer.send("GET", "/v1/agents", null).expectProblem(429, null);
        }
    }

    @Test
    void a_request_accepted_by_one_server_is_a_replay_on_another_server_of_the_same_database() {
        DatabaseKind.requirePostgres();
        AtomicReference<ServerConfig> firstConfig = new AtomicReference<>();
        try (TestServer first = TestServer.start(DatabaseKind.POSTGRESQL, "signedfirst", config -> {
                firstConfig.set(config);
                return config;
            });
             TestServer second = TestServer.start(DatabaseKind.POSTGRESQL, "signedsecond", config -> config.withDatabase(
                     firstConfig.get().databaseUrl(), firstConfig.get().databaseUser(), firstConfig.get().databasePassword()))) {
            SignedKey signer = SignedKey.create(first.api());
            String body = "{\"value\": \"once\"}";
            String[] headers = RequestSigner.headers(signer.secret(), signer.now(), "PUT", "/v1/state/signed/once", body);

            signer.sendSigned("PUT", "/v1/state/signed/once", body, headers).expect(201);

            ApiResponse replayed = second.api().as(signer.key())
                    .send("PUT", "/v1/state/signed/once", body, "application/json", headers);
            assertThat(detailOf(replayed)).contains("was already used: the request was replayed");
        }
    }
}
