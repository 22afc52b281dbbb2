package dev.agentplane.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentplane.common.Json;
import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiTest;
import dev.agentplane.server.testing.RawHttp;
import java.util.List;

/** What every route shares: authentication, roles, strict input, problem+json errors and request ids. */
class ProtocolApiTest {

    @ApiTest
    void v1_routes_need_a_valid_bearer_key(Api api) {
        var missing = api.as(null).get("/v1/agents").expectProblem(401, null);
        assertThat(missing.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(missing.body().get("detail").asText()).contains("Authorization: Bearer");

        api.as("ap_00000000000000000000000000000000_nope").get("/v1/agents").expectProblem(401, null);
        api.as(null).get("/v1/agents", "Authorization", "Basic dXNlcjpwYXNz").expectProblem(401, null);
    }

    @ApiTest
    void a_viewer_reads_but_cannot_change(Api api) {
        Api viewer = api.as(api.newKey("viewer"));

        viewer.get("/v1/agents").expect(200);
        var problem = viewer.post("/v1/agents", "{\"name\": \"nope\"}").expectProblem(403, null).body();
        assertThat(problem.get("detail").asText()).contains("viewer");
    }

    @ApiTest
    void unknown_query_parameters_bad_limits_and_forged_cursors_are_400s_naming_the_parameter(Api api) {
        api.get("/v1/agents?colour=red").expectProblem(400, "colour");
        api.get("/v1/agents?limit=0").expectProblem(400, "limit");
        api.get("/v1/agents?limit=201").expectProblem(400, "limit");
        api.get("/v1/agents?limit=ten").expectProblem(400, "limit");
        api.get("/v1/agents?cursor=forged").expectProblem(400, "cursor");
    }

    @ApiTest
    void malformed_or_misshapen_bodies_are_400s(Api api) {
        api.post("/v1/agents", "{\"name\": ").expectProblem(400, "");
        api.post("/v1/agents", "[1, 2]").expectProblem(400, "");
        api.send("POST", "/v1/agents", null, "application/json").expectProblem(400, "");
        api.post("/v1/agents", "{\"name\": 12}").expectProblem(400, "/name");
    }

    @ApiTest
    void an_oversized_body_is_413_naming_the_limit(Api api) {
        String huge = "{\"name\": \"big\", \"description\": \"" + "x".repeat(3 * 1024 * 1024) + "\"}";

        var problem = api.post("/v1/agents", huge).expectProblem(413, null).body();

        assertThat(problem.get("limit_bytes").asLong()).isEqualTo(Limits.MAX_BODY_BYTES);
    }

    @ApiTest
    void a_chunked_body_without_content_length_is_still_limited(Api api) {
        byte[] huge = ("{\"name\": \"big\", \"description\": \"" + "x".repeat(3 * 1024 * 1024) + "\"}").getBytes();

        api.postChunked("/v1/agents", huge).expectProblem(413, null);
        assertThat(api.postChunked("/v1/agents", "{\"name\": \"chunked-ok\"}".getBytes()).status()).isIn(201, 409);
    }

    @ApiTest
    void nul_characters_and_out_of_range_times_are_400s_not_database_errors(Api api) {
        api.post("/v1/agents", "{\"name\": \"nul\", \"description\": \"a\\u0000b\"}").expectProblem(400, "/description");
        api.post("/v1/agents", "{\"name\": \"nul2\", \"config\": {\"k\\u0000\": 1}}").expectProblem(400, "/config/k\u0000");
        api.get("/v1/agents?framework=a%00b").expectProblem(400, "framework");
        api.get("/v1/audit?from=%2B300000000-01-01T00:00:00Z").expectProblem(400, "from");
    }

    @ApiTest
    void deep_nesting_and_repeated_fields_are_400s_naming_the_rule(Api api) {
        String nested = "[".repeat(50) + "]".repeat(50);
        api.post("/v1/agents", "{\"name\": \"nest-ok\", \"config\": {\"a\": " + nested + "}}").expect(201);

        String deep = "[".repeat(Json.MAX_NESTING_DEPTH + 1) + "]".repeat(Json.MAX_NESTING_DEPTH + 1);
        var problem = api.post("/v1/agents", "{\"name\": \"deep\", \"config\": {\"a\": " + deep + "}}")
                .expectProblem(400, "").body();
        assertThat(problem.get("errors").get(0).get("fix").asText()).contains(String.valueOf(Json.MAX_NESTING_DEPTH));
        api.post("/v1/agents", "{\"name\": \"a\", \"name\": \"b\"}").expectProblem(400, "");
    }

    @ApiTest
    void broken_percent_encoding_in_the_query_is_a_400_not_a_dropped_filter(Api api) {
        // java.net.http refuses to send such a URI, so this goes over a plain socket.
        for (String query : List.of("/v1/audit?action=%zz", "/v1/agents?limit=%")) {
            RawHttp.Response response = RawHttp.send(api.baseUrl(), "GET " + query + " HTTP/1.1\r\nAuthorization: Bearer " + api.key());

            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(Json.parse(response.body()).get("errors").get(0).get("parameter").asText())
                    .isEqualTo(query.substring(query.indexOf('?') + 1, query.indexOf('=')));
        }
    }

    @ApiTest
    void refusals_of_the_http_layer_are_problems_too(Api api) {
        RawHttp.Response headers = RawHttp.send(api.baseUrl(), "GET /v1/agents HTTP/1.1\r\nX-Huge: " + "h".repeat(16 * 1024));
        RawHttp.Response uri = RawHttp.send(api.baseUrl(), "GET /v1/agents?x=" + "u".repeat(16 * 1024) + " HTTP/1.1");
        RawHttp.Response nul = RawHttp.send(api.baseUrl(), "DELETE /v1/state/ns/a%00b HTTP/1.1");

        assertThat(headers.status()).isEqualTo(431);
        assertThat(uri.status()).isEqualTo(414);
        assertThat(nul.status()).isEqualTo(400);
        for (RawHttp.Response response : List.of(headers, uri, nul)) {
            assertThat(response.header("content-type")).startsWith(Problems.CONTENT_TYPE);
            assertThat(Json.parse(response.body()).get("status").asInt()).isEqualTo(response.status());
        }
    }

    @ApiTest
    void unknown_routes_and_methods_get_problems_not_html(Api api) {
        api.get("/v1/nothing-here").expectProblem(404, null);
        api.delete("/v1/agents").expectProblem(405, null);
    }

    @ApiTest
    void the_request_id_is_echoed_and_in_problems(Api api) {
        var response = api.get("/v1/agents/not-a-uuid", "X-Request-Id", "trace-42").expect(400);

        assertThat(response.header("X-Request-Id")).isEqualTo("trace-42");
        assertThat(response.body().get("request_id").asText()).isEqualTo("trace-42");
        assertThat(api.get("/v1/agents").header("X-Request-Id")).isNotBlank();
    }
}
