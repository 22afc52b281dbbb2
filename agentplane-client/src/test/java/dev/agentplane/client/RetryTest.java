package dev.agentplane.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.agentplane.client.internal.RetryAfter;
import dev.agentplane.client.model.Execution;
import dev.agentplane.client.model.StartExecution;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** 429 and 503 are retried as Retry-After says, a bounded number of times, with the same Idempotency-Key. */
class RetryTest {
    private static final String EXECUTION = """
            {"id": "0193", "workflow_id": "w", "workflow_name": "refund", "workflow_version": 1, "agent_id": null,
             "status": "running", "input": {}, "output": null, "error": null, "tokens_in": 0, "tokens_out": 0,
             "cost_usd": 0, "started_at": "2026-01-01T00:00:00Z", "completed_at": null, "duration_ms": null,
             "a_field_from_a_newer_server": true}""";
    private static final String TOO_MANY = """
            {"type": "rate-limited", "title": "Too many requests", "status": 429, "detail": "slow down",
             "instance": "/v1/executions", "request_id": "r1"}""";

    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;

    /** A server answering each request with the next of {@code answers} (the last one repeating). */
    private AgentPlaneClient serverAnswering(int maxRetries, String signingSecret, Answer... answers) throws IOException {
        AtomicInteger count = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.add(Map.of("Idempotency-Key", header(exchange, "Idempotency-Key"),
                    "AgentPlane-Timestamp", header(exchange, "AgentPlane-Timestamp"),
                    "AgentPlane-Signature", header(exchange, "AgentPlane-Signature")));
            Answer answer = answers[Math.min(count.getAndIncrement(), answers.length - 1)];
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.getResponseHeaders().add("Content-Type", answer.status() >= 400 ? "application/problem+json" : "application/json");
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return AgentPlaneClient.builder().url("http://127.0.0.1:" + server.getAddress().getPort()).apiKey("ap_x_y")
                .signingSecret(signingSecret).maxRetries(maxRetries).build();
    }

    private static String header(HttpExchange exchange, String name) {
        String value = exchange.getRequestHeaders().getFirst(name);
        return value == null ? "" : value;
    }

    private record Answer(int status, Map<String, String> headers, String body) {}

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void a_429_is_retried_after_retry_after_with_the_same_idempotency_key() throws IOException {
        AgentPlaneClient client = serverAnswering(3, null,
                new Answer(429, Map.of("Retry-After", "0"), TOO_MANY), new Answer(201, Map.of(), EXECUTION));

        Execution execution = client.executions().start(StartExecution.of("refund", Map.of()));

        assertThat(execution.id()).isEqualTo("0193");
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).get("Idempotency-Key")).isNotBlank().isEqualTo(requests.get(1).get("Idempotency-Key"));
    }

    @Test
    void a_503_with_an_http_date_is_retried_and_each_attempt_is_signed_afresh() throws IOException {
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().minusSeconds(5).atZone(ZoneOffset.UTC));
        AgentPlaneClient client = serverAnswering(3, "aps_secret",
                new Answer(503, Map.of("Retry-After", past), "{\"type\":\"unavailable\",\"title\":\"Unavailable\",\"status\":503}"),
                new Answer(200, Map.of(), EXECUTION));

        assertThat(client.executions().get("0193").status()).isEqualTo("running");
        assertThat(requests).hasSize(2).allSatisfy(request -> {
            assertThat(request.get("AgentPlane-Timestamp")).matches("[0-9]+");
            assertThat(request.get("AgentPlane-Signature")).matches("v1=[0-9a-f]{64}");
        });
    }

    @Test
    void retries_are_bounded_and_the_last_answer_is_thrown_with_its_problem() throws IOException {
        AgentPlaneClient client = serverAnswering(2, null, new Answer(429, Map.of("Retry-After", "0"), TOO_MANY));

        assertThatThrownBy(() -> client.executions().get("0193"))
                .isInstanceOfSatisfying(AgentPlaneException.RateLimited.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.detail()).isEqualTo("slow down");
                    assertThat(e.requestId()).contains("r1");
                    assertThat(e.retryAfter()).contains("0");
                });
        assertThat(requests).hasSize(3);
    }

    @Test
    void a_retry_after_longer_than_the_client_waits_is_thrown_at_once() throws IOException {
        AgentPlaneClient client = serverAnswering(3, null, new Answer(429, Map.of("Retry-After", "86400"), TOO_MANY));

        assertThatThrownBy(() -> client.agents().list().firstPage()).isInstanceOf(AgentPlaneException.RateLimited.class);
        assertThat(requests).hasSize(1);
    }

    @Test
    void an_answer_that_is_not_problem_json_still_gives_a_typed_exception() throws IOException {
        AgentPlaneClient client = serverAnswering(0, null, new Answer(404, Map.of(), "<html>nothing here</html>"));

        assertThatThrownBy(() -> client.agents().get("a1"))
                .isInstanceOfSatisfying(AgentPlaneException.NotFound.class, e -> assertThat(e.detail()).contains("nothing here"));
    }

    @Test
    void retry_after_reads_seconds_and_http_dates() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        assertThat(RetryAfter.parse("7", now)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("Thu, 01 Jan 2026 00:00:30 GMT", now)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Wed, 31 Dec 2025 23:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", now)).isEmpty();
        assertThat(RetryAfter.parse(null, now)).isEmpty();
    }

    @Test
    void the_environment_configures_the_client() {
        AgentPlaneClient client = AgentPlaneClient.builder().environment(Map.of("AGENTPLANE_URL", "https://ap.example.com/base/",
                "AGENTPLANE_API_KEY", "ap_a_b")).build();

        assertThat(client.toString()).contains("https://ap.example.com/base").doesNotContain("ap_a_b");
        assertThatThrownBy(() -> AgentPlaneClient.builder().url("localhost:8080")).isInstanceOf(IllegalArgumentException.class);
    }
}
