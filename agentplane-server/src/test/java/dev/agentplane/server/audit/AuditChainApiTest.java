package dev.agentplane.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.server.http.OpenApiContract;
import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiTest;
import dev.agentplane.store.Database;
import dev.agentplane.store.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Each test that tampers with the audit log puts it back before it ends: the org's chain is shared by the class. */
class AuditChainApiTest {

    private static String createAgent(Api api) {
        return api.post("/v1/agents", "{\"name\": \"chained-" + Api.unique() + "\", \"config\": {\"price\": 1.50}}")
                .expect(201).id();
    }

    private static Database database(Api api) {
        return api.server().plane().database();
    }

    private static String auditIdOf(Api api, String agentId) {
        return api.listAll("/v1/audit?resource_type=agent&resource_id=" + agentId).get(0).get("id").asText();
    }

    @ApiTest
    void the_chain_verifies_after_concurrent_changes(Api api) throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CyclicBarrier start = new CyclicBarrier(threads);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                running.add(pool.submit(() -> {
                    start.await();
                    for (int n = 0; n < 10; n++) {
                        api.post("/v1/agents/" + createAgent(api) + "/heartbeat", null).expect(200);
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        JsonNode result = api.get("/v1/audit/verify").expect(200).body();

        assertThat(result.get("valid").asBoolean()).isTrue();
        assertThat(result.get("checked").asLong()).isGreaterThanOrEqualTo(threads * 20L);
        assertThat(result.get("first_broken").isNull()).isTrue();
    }

    @ApiTest
    void a_row_altered_in_the_database_is_reported_until_it_is_put_back(Api api) {
        String agentId = createAgent(api);
        createAgent(api);
        String auditId = auditIdOf(api, agentId);
        String original = database(api).read(sql -> sql.one("SELECT details FROM audit_log WHERE id = ?",
                row -> row.string("details"), auditId)).orElseThrow();

        setDetails(api, auditId, "{\"name\": \"someone-else\"}");
        try {
            JsonNode result = api.get("/v1/audit/verify").expect(200).body();
            assertThat(result.get("valid").asBoolean()).isFalse();
            assertThat(result.get("first_broken").get("id").asText()).isEqualTo(auditId);
            assertThat(result.get("first_broken").get("reason").asText()).isEqualTo("hash mismatch");
        } finally {
            setDetails(api, auditId, original);
        }
        assertThat(api.get("/v1/audit/verify").expect(200).body().get("valid").asBoolean()).isTrue();
    }

    private static void setDetails(Api api, String auditId, String json) {
        api.server().plane().audit().chainPending(); // rows are chained after commit: tamper with chained ones
        database(api).inTransaction(tx -> tx.update("UPDATE audit_log SET details = ? WHERE id = ?",
                Sql.json(Json.parse(json)), auditId));
    }

    @ApiTest
    void a_row_deleted_from_the_database_is_a_broken_link_at_the_next_row(Api api) {
        String deleted = auditIdOf(api, createAgent(api));
        String next = auditIdOf(api, createAgent(api));

        api.server().plane().audit().chainPending();
        database(api).inTransaction(tx -> {
            tx.update("CREATE TABLE audit_saved AS SELECT * FROM audit_log WHERE id = ?", deleted);
            return tx.update("DELETE FROM audit_log WHERE id = ?", deleted);
        });
        try {
            JsonNode broken = api.get("/v1/audit/verify").expect(200).body().get("first_broken");
            assertThat(broken.get("id").asText()).isEqualTo(next);
            assertThat(broken.get("reason").asText()).isEqualTo("broken link");
        } finally {
            database(api).inTransaction(tx -> {
                tx.update("INSERT INTO audit_log SELECT * FROM audit_saved");
                return tx.update("DROP TABLE audit_saved");
            });
        }
        assertThat(api.get("/v1/audit/verify").expect(200).body().get("valid").asBoolean()).isTrue();
    }

    @ApiTest
    void only_admins_and_auditors_verify_and_the_route_takes_no_parameters(Api api) {
        assertThat(api.as(api.newKey("auditor")).get("/v1/audit/verify").expect(200).body().get("valid").isBoolean()).isTrue();
        api.as(api.newKey("developer")).get("/v1/audit/verify").expectProblem(403, null);
        api.as(api.newKey("viewer")).get("/v1/audit/verify").expectProblem(403, null);
        api.as(null).get("/v1/audit/verify").expectProblem(401, null);
        api.get("/v1/audit/verify?fix=true").expectProblem(400, "fix");
    }

    @ApiTest
    void the_server_serves_no_route_that_changes_or_removes_audit_rows(Api api) {
        assertThat(api.server().routes()).filteredOn(route -> route.contains(" /v1/audit"))
                .containsExactlyInAnyOrder("GET /v1/audit", "GET /v1/audit/verify");
    }

    @Test
    void the_contract_documents_no_operation_that_changes_or_removes_audit_rows() {
        List<OpenApiContract.Operation> auditOperations = OpenApiContract.load().operations().stream()
                .filter(operation -> operation.path().startsWith("/v1/audit")
                        || operation.operationId().toLowerCase(Locale.ROOT).contains("audit"))
                .toList();

        assertThat(auditOperations).isNotEmpty().allSatisfy(operation -> assertThat(operation.method()).isEqualTo("GET"));
    }

    @ApiTest
    void the_server_links_committed_rows_into_the_chain_in_the_background(Api api) {
        String auditId = auditIdOf(api, createAgent(api));

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> database(api).read(
                sql -> sql.one("SELECT chain_seq FROM audit_log WHERE id = ?", row -> row.nullableLong("chain_seq") != null,
                        auditId)).orElse(false));
    }
}
