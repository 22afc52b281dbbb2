package dev.agentplane.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.agentplane.common.Json;
import dev.agentplane.executions.engine.StepFailure;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** http.request against a real local HTTP server. */
class HttpRequestToolTest {
    private HttpServer server;
    private String base;
    private final List<String> seenKeys = new CopyOnWriteArrayList<>();
    private final ToolCall call = new ToolCall("org", "exec", "step", "run-1/1", null);

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/json", exchange -> {
            seenKeys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            byte[] request = exchange.getRequestBody().readAllBytes();
            byte[] body = ("{\"method\": \"" + exchange.getRequestMethod() + "\", \"got\": "
                    + (request.length == 0 ? "null" : new String(request, StandardCharsets.UTF_8)) + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/status/", exchange -> {
            int status = Integer.parseInt(exchange.getRequestURI().getPath().substring("/status/".length()));
            byte[] body = ("status " + status).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private JsonNode request(JsonNode input) throws InterruptedException {
        return new HttpRequestTool(List.of()).call(input, call);
    }

    @Test
    void sends_json_and_parses_a_json_answer_with_the_step_idempotency_key() throws Exception {
        JsonNode output = request(Json.object().put("method", "post").put("url", base + "/json")
                .set("body", Json.object().put("n", 1)));

        assertThat(output.get("status").asInt()).isEqualTo(200);
        assertThat(output.at("/body/method").asText()).isEqualTo("POST");
        assertThat(output.at("/body/got/n").asInt()).isEqualTo(1);
        assertThat(output.at("/headers/content-type").asText()).isEqualTo("application/json");
        assertThat(seenKeys).containsExactly("run-1/1");
    }

    @Test
    void server_errors_are_retryable_client_errors_are_not_unless_asked_to_return_them() throws Exception {
        assertThatThrownBy(() -> request(Json.object().put("url", base + "/status/503")))
                .isInstanceOfSatisfying(StepFailure.class, e -> {
                    assertThat(e.code()).isEqualTo("http.5xx");
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("answered 503", "status 503");
                });
        assertThatThrownBy(() -> request(Json.object().put("url", base + "/status/429")))
                .isInstanceOfSatisfying(StepFailure.class, e -> assertThat(e.retryable()).isTrue());
        assertThatThrownBy(() -> request(Json.object().put("url", base + "/status/404")))
                .isInstanceOfSatisfying(StepFailure.class, e -> {
                    assertThat(e.code()).isEqualTo("http.4xx");
                    assertThat(e.retryable()).isFalse();
                });
        JsonNode kept = request(Json.object().put("url", base + "/status/404").put("fail_on_status", false));
        assertThat(kept.get("status").asInt()).isEqualTo(404);
        assertThat(kept.get("body").asText()).isEqualTo("status 404");
    }

    @Test
    void bad_urls_unreachable_hosts_and_hosts_outside_the_allow_list_fail_clearly() {
        assertThatThrownBy(() -> request(Json.object().put("url", "ftp://example.com/x")))
                .isInstanceOfSatisfying(StepFailure.class, e -> assertThat(e.code()).isEqualTo("http.invalid"));
        assertThatThrownBy(() -> request(Json.object().put("url", base + "/json").put("method", "BREW")))
                .isInstanceOfSatisfying(StepFailure.class, e -> assertThat(e.code()).isEqualTo("http.invalid"));
        assertThatThrownBy(() -> new HttpRequestTool(List.of(".example.com")).call(Json.object().put("url", base + "/json"), call))
                .isInstanceOfSatisfying(StepFailure.class, e -> assertThat(e.code()).isEqualTo("http.forbidden_host"));
        server.stop(0);
        assertThatThrownBy(() -> request(Json.object().put("url", base + "/json")))
                .isInstanceOfSatisfying(StepFailure.class, e -> {
                    assertThat(e.code()).isEqualTo("http.network");
                    assertThat(e.retryable()).isTrue();
                });
    }
}
