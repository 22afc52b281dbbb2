package dev.agentplane.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiResponse;
import dev.agentplane.server.testing.ApiTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

class StateApiTest {
    private static final int MAX_VALUE_BYTES = 1024 * 1024;

    /** A namespace of the test's own: the server and its org are shared by the tests of this class. */
    private static String namespace() {
        return "ns-" + Api.unique();
    }

    @ApiTest
    void put_creates_with_201_then_updates_with_200_and_the_etag_follows_the_version(Api api) {
        String path = "/v1/state/" + namespace() + "/session:42";

        ApiResponse created = api.put(path, "{\"value\": {\"step\": 1, \"items\": [\"a\", null]}}").expect(201);
        ApiResponse updated = api.put(path, "{\"value\": {\"step\": 2}}").expect(200);
        ApiResponse read = api.get(path).expect(200);

        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(created.body().get("version").asLong()).isEqualTo(1);
        assertThat(created.body().get("value")).isEqualTo(Json.parse("{\"step\": 1, \"items\": [\"a\", null]}"));
        assertThat(created.body().get("expires_at").isNull()).isTrue();
        assertThat(updated.header("ETag")).isEqualTo("\"2\"");
        assertThat(read.header("ETag")).isEqualTo("\"2\"");
        assertThat(read.body()).isEqualTo(updated.body());
        assertThat(read.body().get("key").asText()).isEqualTo("session:42");
        assertThat(read.body().get("created_at")).isEqualTo(created.body().get("created_at"));
    }

    @ApiTest
    void stores_scalars_arrays_and_an_explicit_null(Api api) {
        String ns = namespace();
        List<String> values = List.of("\"text ✓\"", "3.25", "[1, {\"a\": false}]", "null", "true");
        for (int i = 0; i < values.size(); i++) {
            api.put("/v1/state/" + ns + "/k" + i, "{\"value\": " + values.get(i) + "}").expect(201);
            JsonNode entry = api.get("/v1/state/" + ns + "/k" + i).expect(200).body();
            assertThat(entry.get("value")).isEqualTo(Json.parse(values.get(i)));
        }
    }

    @ApiTest
    void if_match_writes_only_over_the_current_version(Api api) {
        String path = "/v1/state/" + namespace() + "/counter";
        String etag = api.put(path, "{\"value\": 1}").expect(201).header("ETag");

        ApiResponse matched = api.put(path, "{\"value\": 2}", "If-Match", etag).expect(200);
        JsonNode stale = api.put(path, "{\"value\": 3}", "If-Match", etag).expectProblem(412, null).body();

        assertThat(matched.header("ETag")).isEqualTo("\"2\"");
        assertThat(stale.get("current_version").asLong()).isEqualTo(2);
        assertThat(stale.get("detail").asText()).contains("version 2");
        assertThat(api.get(path).expect(200).body().get("value").asInt()).isEqualTo(2);
        api.put(path, "{\"value\": 4}", "If-Match", "*").expect(200);
    }

    @ApiTest
    void if_match_on_a_missing_entry_fails_and_a_malformed_one_is_a_bad_request(Api api) {
        String path = "/v1/state/" + namespace() + "/absent";

        api.put(path, "{\"value\": 1}", "If-Match", "\"1\"").expectProblem(412, null);
        api.put(path, "{\"value\": 1}", "If-Match", "1").expectProblem(400, "If-Match");
        api.get(path).expectProblem(404, null);
    }

    @ApiTest
    void if_none_match_star_creates_only_when_absent(Api api) {
        String path = "/v1/state/" + namespace() + "/lock";

        api.put(path, "{\"value\": \"owner-a\"}", "If-None-Match", "*").expect(201);
        JsonNode taken = api.put(path, "{\"value\": \"owner-b\"}", "If-None-Match", "*").expectProblem(412, null).body();

        assertThat(taken.get("current_version").asLong()).isEqualTo(1);
        assertThat(api.get(path).expect(200).body().get("value").asText()).isEqualTo("owner-a");
        api.put(path, "{\"value\": 1}", "If-None-Match", "\"1\"").expectProblem(400, "If-None-Match");
    }

    @ApiTest
    void a_value_over_one_mebibyte_gets_413_naming_the_limit(Api api) {
        String path = "/v1/state/" + namespace() + "/big";
        String tooBig = "\"" + "x".repeat(MAX_VALUE_BYTES - 1) + "\"";

        JsonNode problem = api.put(path, "{\"value\": " + tooBig + "}").expectProblem(413, null).body();

        assertThat(problem.get("limit_bytes").asLong()).isEqualTo(MAX_VALUE_BYTES);
        assertThat(problem.get("detail").asText()).contains("1048576");
        api.get(path).expectProblem(404, null);
        String justFits = "\"" + "x".repeat(MAX_VALUE_BYTES - 2) + "\"";
        api.put(path, "{\"value\": " + justFits + "}").expect(201);
    }

    @ApiTest
    void bad_names_and_bodies_are_rejected_by_parameter_or_pointer(Api api) {
        String ns = namespace();

        api.put("/v1/state/bad%20ns/k", "{\"value\": 1}").expectProblem(400, "namespace");
        api.get("/v1/state/" + ns + "/" + "k".repeat(201)).expectProblem(400, "key");
        api.delete("/v1/state/" + ns + "/k%2Fx").expectProblem(400, "key");
        api.put("/v1/state/" + ns + "/k", "{\"ttl_seconds\": 5}").expectProblem(400, "/value");
        api.put("/v1/state/" + ns + "/k", "{\"value\": 1, \"ttl_seconds\": 0}").expectProblem(400, "/ttl_seconds");
        api.put("/v1/state/" + ns + "/k", "{\"value\": 1, \"ttl_seconds\": \"soon\"}").expectProblem(400, "/ttl_seconds");
        api.put("/v1/state/" + ns + "/k", "{\"value\": 1, \"ttl\": 5}").expectProblem(400, "/ttl");
        api.put("/v1/state/" + ns + "/k", "[1]").expectProblem(400, null);
        api.send("PUT", "/v1/state/" + ns + "/k", "{\"value\": ", "application/json").expectProblem(400, null);
        api.get("/v1/state/" + ns + "?prefix=a%2Fb").expectProblem(400, "prefix");
        api.get("/v1/state/" + ns + "?limit=0").expectProblem(400, "limit");
        api.get("/v1/state/" + ns + "?cursor=nope").expectProblem(400, "cursor");
        api.get("/v1/state/" + ns + "?sort=desc").expectProblem(400, "sort");

        assertThat(api.listAll("/v1/state/" + ns)).isEmpty();
    }

    @ApiTest
    void an_entry_expires_after_its_ttl_and_can_then_be_created_again(Api api) {
        String ns = namespace();
        String path = "/v1/state/" + ns + "/short";
        JsonNode entry = api.put(path, "{\"value\": \"v\", \"ttl_seconds\": 60}").expect(201).body();
        api.put("/v1/state/" + ns + "/long", "{\"value\": 1}").expect(201);
        assertThat(Instant.parse(entry.get("expires_at").asText()))
                .isEqualTo(Instant.parse(entry.get("updated_at").asText()).plusSeconds(60));

        api.clock().advance(Duration.ofSeconds(60));

        api.get(path).expectProblem(404, null);
        assertThat(api.listAll("/v1/state/" + ns)).extracting(k -> k.get("key").asText()).containsExactly("long");
        api.delete(path).expectProblem(404, null);
        ApiResponse recreated = api.put(path, "{\"value\": \"again\"}", "If-None-Match", "*").expect(201);
        assertThat(recreated.header("ETag")).isEqualTo("\"1\"");
    }

    @ApiTest
    void delete_removes_the_entry_and_honours_if_match(Api api) {
        String path = "/v1/state/" + namespace() + "/doomed";
        api.put(path, "{\"value\": 1}").expect(201);
        api.put(path, "{\"value\": 2}").expect(200);

        JsonNode stale = api.delete(path, "If-Match", "\"1\"").expectProblem(412, null).body();
        assertThat(stale.get("current_version").asLong()).isEqualTo(2);
        api.delete(path, "If-Match", "\"2\"").expect(204);

        api.get(path).expectProblem(404, null);
        api.delete(path).expectProblem(404, null);
    }

    @ApiTest
    void lists_keys_by_prefix_in_ascending_order_across_pages(Api api) {
        String ns = namespace();
        for (String key : List.of("user:2", "user:10", "user:1", "user_1", "team:1")) {
            api.put("/v1/state/" + ns + "/" + key, "{\"value\": {\"big\": \"" + "x".repeat(100) + "\"}}").expect(201);
        }

        JsonNode first = api.get("/v1/state/" + ns + "?prefix=user:&limit=2").expect(200).body();
        List<JsonNode> all = api.listAll("/v1/state/" + ns + "?prefix=user:&limit=2");

        assertThat(first.get("items")).extracting(k -> k.get("key").asText()).containsExactly("user:1", "user:10");
        assertThat(first.get("next_cursor").isNull()).isFalse();
        assertThat(all).extracting(k -> k.get("key").asText()).containsExactly("user:1", "user:10", "user:2");
        assertThat(all.get(0).get("version").asLong()).isEqualTo(1);
        assertThat(all.get(0).has("value")).isFalse();
        assertThat(api.listAll("/v1/state/" + ns)).hasSize(5);
    }

    @ApiTest
    void a_viewer_may_read_but_not_write(Api api) {
        String path = "/v1/state/" + namespace() + "/shared";
        api.put(path, "{\"value\": 1}").expect(201);
        Api viewer = api.as(api.newKey("viewer"));

        viewer.get(path).expect(200);
        viewer.put(path, "{\"value\": 2}").expectProblem(403, null);
        viewer.delete(path).expectProblem(403, null);
    }

    @ApiTest
    void every_write_is_audited_without_the_value(Api api) {
        String ns = namespace();
        api.put("/v1/state/" + ns + "/audited", "{\"value\": {\"note\": \"private\"}}").expect(201);
        api.delete("/v1/state/" + ns + "/audited").expect(204);

        List<JsonNode> entries = api.listAll("/v1/audit?resource_type=state&resource_id=" + ns + "/audited");

        assertThat(entries).extracting(e -> e.get("action").asText()).containsExactly("state.delete", "state.create");
        assertThat(entries.get(1).get("details").toString()).doesNotContain("private");
    }
}
