package dev.agentplane.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.secrets.SecretBox;
import dev.agentplane.store.DatabaseSettings;
import dev.agentplane.testing.DatabaseKind;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code agentplane server} processes share one PostgreSQL; one is killed with SIGKILL while its workers hold
 * step runs. The other takes those runs over once their leases expire: every execution completes with the right
 * output, no step run completes twice, nothing is lost, and the killed node starts again cleanly.
 */
class ClusterKillTest {
    private static final int EXECUTIONS = 200;
    private static final int LEASE_SECONDS = 3;
    private static final int WORKERS_PER_NODE = 32;
    /**
     * Executions wait at the gate until {@code go_at} (see {@link #GATE}), however long starting them took; then
     * sleeps hold a worker for 200 ms each, so a kill lands on steps in flight. Later steps use earlier outputs.
     */
    private static final String WORKFLOW = """
            name: cluster-kill
            inputs: {n: {type: integer, required: true}, go_at: {type: string, required: true}}
            outputs:
              squares: "${{ steps.each.output }}"
              total: "${{ steps.sum.output.total }}"
            steps:
              - {id: gate, type: wait_until, until: "${{ inputs.go_at }}"}
              - {id: start, type: tool, tool: core.echo, with: {n: "${{ inputs.n }}"}}
              - {id: nap, type: tool, tool: core.sleep, with: {duration: 200ms}}
              - id: each
                type: foreach
                items: "${{ [steps.start.output.n, steps.start.output.n + 1, steps.start.output.n + 2] }}"
                concurrency: 2
                steps:
                  - {id: wait, type: tool, tool: core.sleep, with: {duration: 200ms}}
                  - {id: square, type: set, values: {v: "${{ item * item }}"}}
              - id: fan
                type: parallel
                branches:
                  - name: left
                    steps:
                      - {id: left_nap, type: tool, tool: core.sleep, with: {duration: 200ms}}
                      - {id: left_sum, type: set, values: {v: "${{ steps.each.output[0].v + steps.each.output[1].v }}"}}
                  - name: right
                    steps:
                      - {id: right_echo, type: tool, tool: core.echo, with: {v: "${{ steps.each.output[2].v }}"}}
              - {id: sum, type: set, values: {total: "${{ steps.fan.output.left.v + steps.fan.output.right.v }}"}}
            """;
    /** The step runs of one execution (the foreach's steps once per item), each completed with one step.completed. */
    private static final List<String> STEP_RUNS = Stream.of("gate", "start", "nap", "each", "wait", "wait", "wait",
            "square", "square", "square", "fan", "left_nap", "left_sum", "right_echo", "sum").sorted().toList();
    private static final int RUNS_PER_EXECUTION = STEP_RUNS.size();
    /**
     * How long after the first start request the executions begin (on a busy machine later starts begin at once).
     * They begin in waves, a quarter every {@code WAVE}: executions advance in step (due runs are claimed oldest
     * first), so without waves the first ones would complete only when nearly all work is done.
     */
    private static final Duration GATE = Duration.ofSeconds(4);
    private static final Duration WAVE = Duration.ofMillis(1500);
    private static final int WAVES = 4;
    /** Three JVMs share two cores: with the quick compiler alone, servers spend far less CPU compiling. */
    private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m");

    @TempDir
    Path dir;
    private final String adminKey = "cluster-kill-" + UUID.randomUUID();
    /** Every process sharing a database needs the same key for org secrets. */
    private final String secretsKey = SecretBox.newBase64Key();
    private final List<ServerNode> nodes = new ArrayList<>();
    private DatabaseSettings database;
    private final long began = System.nanoTime();

    @AfterEach
    void stopNodes() {
        nodes.forEach(ServerNode::kill);
    }

    @Test
    void a_node_killed_mid_run_loses_nothing_and_no_step_completes_twice() throws Exception {
        database = DatabaseKind.POSTGRESQL.freshDatabase("clusterkill");
        progress("database created");
        ServerNode victim = node("a");
        ServerNode survivor = node("b");
        victim.launch();
        survivor.launch();
        victim.awaitReady();
        survivor.awaitReady();
        progress("nodes up");
        survivor.expect(201, "POST", "/v1/workflows", WORKFLOW, "application/yaml");
        progress("both nodes ready");

        Map<String, Integer> started = new HashMap<>();
        List<String> stranded;
        try (ExecutorService clients = Executors.newFixedThreadPool(16)) {
            Map<Integer, Future<String>> starting = startExecutions(clients, victim, survivor);
            String victimOwner = victim.engineOwner();
            // Some executions done, and the node to kill in the middle of steps (it may be between claims a moment).
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> executionsByStatus().getOrDefault("completed", 0) >= EXECUTIONS / 20
                            && strandedRuns(victimOwner).size() >= 5);
            victim.kill();
            stranded = strandedRuns(victimOwner);
            int inFlight = executionsByStatus().getOrDefault("running", 0);
            progress("killed node a holding " + stranded.size() + " step runs (node b: "
                    + strandedRuns(survivor.engineOwner()).size() + "); " + inFlight + " executions running; runs by status "
                    + countBy("SELECT status AS k, COUNT(*) AS n FROM step_runs GROUP BY status"));

            assertThat(stranded).as("step runs the killed node held when it died").isNotEmpty();
            assertThat(inFlight).as("executions running when the node died").isGreaterThanOrEqualTo(EXECUTIONS / 4);
            for (Map.Entry<Integer, Future<String>> execution : starting.entrySet()) {
                started.put(execution.getValue().get(60, TimeUnit.SECONDS), execution.getKey());
            }
            progress("started " + started.size() + " executions");
        }
        awaitEveryExecutionEnded(survivor);
        progress("every execution ended; the survivor's warnings: " + survivor.warnings());

        assertThat(executionsByStatus()).isEqualTo(Map.of("completed", EXECUTIONS));
        assertThat(started).hasSize(EXECUTIONS);
        for (Map.Entry<String, Integer> execution : started.entrySet()) {
            assertCorrectOutput(execution(survivor, execution.getKey()), execution.getValue());
        }
        assertThat(query("SELECT execution_id, step_id, scope, COUNT(*) AS n FROM step_runs WHERE status = 'completed' "
                + "GROUP BY execution_id, step_id, scope HAVING COUNT(*) > 1")).as("step runs completed twice").isEmpty();
        assertThat(countBy("SELECT status AS k, COUNT(*) AS n FROM step_runs GROUP BY status"))
                .as("every step run completed, none lost, none extra").isEqualTo(Map.of("completed", EXECUTIONS * RUNS_PER_EXECUTION));
        assertThat(countBy("SELECT execution_id AS k, COUNT(*) AS n FROM step_runs GROUP BY execution_id").values())
                .hasSize(EXECUTIONS).containsOnly(RUNS_PER_EXECUTION);
        assertEventsTellEachStepOnce(started);
        assertThat(strandedStatuses(stranded)).as("the killed node's runs, taken over").containsOnly("completed");
        assertThat(survivor.log()).contains("step runs whose worker stopped renewing its lease");

        victim.launch();
        victim.awaitReady();
        String before = started.keySet().iterator().next();
        assertThat(execution(victim, before).get("status").asText()).isEqualTo("completed");
        String afterRestart = startExecution(victim, 1000, Instant.now());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> execution(victim, afterRestart).get("status").asText().equals("completed"));
        assertCorrectOutput(execution(victim, afterRestart), 1000);
        assertThat(victim.log()).doesNotContainPattern("\\bERROR\\b");
        progress("node a restarted and ran an execution");
    }

    /** A node with the cluster's settings; its log is kept in target/cluster-kill (CI can collect it). */
    private ServerNode node(String name) throws IOException {
        Path log = Files.createDirectories(Path.of("target", "cluster-kill")).resolve(name + ".log");
        Files.deleteIfExists(log);
        ServerNode node = new ServerNode(dir.resolve(name), log, JVM_OPTIONS, Map.of(
                "AGENTPLANE_DATABASE_URL", database.jdbcUrl(),
                "AGENTPLANE_DATABASE_USER", database.user(),
                "AGENTPLANE_BOOTSTRAP_ADMIN_KEY", adminKey,
                "AGENTPLANE_SECRETS_KEY", secretsKey,
                "AGENTPLANE_RATE_LIMITS_ADMIN", "1000000",
                "AGENTPLANE_ENGINE_LEASE_SECONDS", String.valueOf(LEASE_SECONDS),
                "AGENTPLANE_ENGINE_WORKERS", String.valueOf(WORKERS_PER_NODE)), adminKey);
        nodes.add(node);
        return node;
    }

    private static String startExecution(ServerNode node, int n, Instant goAt) throws IOException, InterruptedException {
        String body = Json.write(Json.object().put("workflow", "cluster-kill")
                .set("input", Json.object().put("n", n).put("go_at", goAt.toString())));
        HttpResponse<String> response = node.send("POST", "/v1/executions", body, "application/json",
                Map.of("Idempotency-Key", "cluster-kill-" + n));
        assertThat(response.statusCode()).as("start %d: %s", n, response.body()).isIn(200, 201);
        return Json.MAPPER.readTree(response.body()).get("id").asText();
    }

    private static JsonNode execution(ServerNode node, String id) throws Exception {
        return node.expect(200, "GET", "/v1/executions/" + id, null, null);
    }

    private void progress(String what) {
        System.out.printf("ClusterKillTest %5.1f s: %s%n", (System.nanoTime() - began) / 1e9, what);
    }

    /**
     * Starts the executions over HTTP in the background, alternating between the nodes, each with an Idempotency-Key:
     * as a load balancer would, a start the killed node did not answer is sent to the other node with the same key,
     * which returns the execution if the killed node had created it.
     */
    private Map<Integer, Future<String>> startExecutions(ExecutorService clients, ServerNode first, ServerNode second) {
        Instant gate = Instant.now().plus(GATE);
        Map<Integer, Future<String>> starting = new TreeMap<>();
        for (int n = 0; n < EXECUTIONS; n++) {
            ServerNode preferred = n % 2 == 0 ? first : second;
            ServerNode other = n % 2 == 0 ? second : first;
            int input = n;
            Instant goAt = gate.plus(WAVE.multipliedBy(n % WAVES));
            starting.put(n, clients.submit(() -> {
                try {
                    return startExecution(preferred, input, goAt);
                } catch (IOException nodeDied) {
                    return startExecution(other, input, goAt);
                }
            }));
        }
        return starting;
    }

    private void awaitEveryExecutionEnded(ServerNode survivor) throws Exception {
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                    .until(() -> executionsByStatus().getOrDefault("running", 0) == 0);
        } catch (ConditionTimeoutException stuck) {
            throw new AssertionError("executions still running: " + executionsByStatus() + "; unfinished step runs: "
                    + query("SELECT execution_id, step_id, scope, status, attempt, lease_owner, lease_expires_at, available_at "
                    + "FROM step_runs WHERE status IN ('pending', 'running', 'waiting') LIMIT 20")
                    + "\nsurvivor's warnings:\n" + survivor.warnings(), stuck);
        }
    }

    private static void assertCorrectOutput(JsonNode execution, int n) {
        assertThat(execution.get("status").asText()).as("execution %s", execution.get("id")).isEqualTo("completed");
        JsonNode output = execution.get("output");
        assertThat(output.get("squares")).extracting(square -> square.get("v").asLong())
                .as("output of execution %s", execution.get("id"))
                .containsExactly((long) n * n, (long) (n + 1) * (n + 1), (long) (n + 2) * (n + 2));
        assertThat(output.get("total").asLong()).isEqualTo((long) n * n + (long) (n + 1) * (n + 1) + (long) (n + 2) * (n + 2));
    }

    /** One execution.started, one execution.completed, and one step.completed per step run, nothing else. */
    private void assertEventsTellEachStepOnce(Map<String, Integer> started) throws SQLException {
        Map<String, List<String>> events = new HashMap<>();
        for (Map<String, Object> row : query("SELECT execution_id, type, data->>'step' AS step FROM events ORDER BY id")) {
            String told = row.get("type") + (row.get("step") == null ? "" : ":" + row.get("step"));
            events.computeIfAbsent((String) row.get("execution_id"), id -> new ArrayList<>()).add(told);
        }
        List<String> expected = new ArrayList<>();
        expected.add("execution.completed");
        expected.add("execution.started");
        STEP_RUNS.forEach(step -> expected.add("step.completed:" + step));
        assertThat(events.keySet()).containsExactlyInAnyOrderElementsOf(started.keySet());
        events.forEach((execution, told) -> assertThat(told.stream().sorted().toList())
                .as("events of execution %s", execution).isEqualTo(expected.stream().sorted().toList()));
    }

    private List<String> strandedRuns(String owner) throws SQLException {
        return query("SELECT id FROM step_runs WHERE status = 'running' AND lease_owner = ?", owner).stream()
                .map(row -> (String) row.get("id")).toList();
    }

    private List<String> strandedStatuses(List<String> ids) throws SQLException {
        List<String> statuses = new ArrayList<>();
        for (String id : ids) {
            query("SELECT status FROM step_runs WHERE id = ?", id).forEach(row -> statuses.add((String) row.get("status")));
        }
        return statuses;
    }

    private Map<String, Integer> executionsByStatus() throws SQLException {
        return countBy("SELECT status AS k, COUNT(*) AS n FROM executions GROUP BY status");
    }

    private Map<String, Integer> countBy(String sql) throws SQLException {
        Map<String, Integer> counts = new TreeMap<>();
        query(sql).forEach(row -> counts.put((String) row.get("k"), ((Number) row.get("n")).intValue()));
        return counts;
    }

    private List<Map<String, Object>> query(String sql, Object... parameters) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    Map<String, Object> row = new TreeMap<>();
                    for (int column = 1; column <= result.getMetaData().getColumnCount(); column++) {
                        row.put(result.getMetaData().getColumnLabel(column), result.getObject(column));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }
}
