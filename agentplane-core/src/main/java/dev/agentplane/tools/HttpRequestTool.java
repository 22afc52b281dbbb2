package dev.agentplane.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import dev.agentplane.executions.engine.StepFailure;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code http.request}: calls an HTTP endpoint. Input: {@code method} (GET), {@code url}, {@code headers},
 * {@code body} (JSON, sent as application/json; a string is sent as text), {@code timeout} (seconds, 30).
 * Output: {@code status}, {@code headers} and {@code body} (parsed when the answer is JSON). A 5xx, 429 or network
 * failure is retryable (codes {@code http.5xx}, {@code http.429}, {@code http.network}); other 4xx fail at once
 * ({@code http.4xx}), unless {@code fail_on_status: false} returns them as output. The step attempt's idempotency
 * key is sent as {@code Idempotency-Key} unless the input sets one.
 */
final class HttpRequestTool implements Tool {
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");
    private static final int MAX_BODY_CHARS = 1 << 20;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final List<String> allowedHosts;

    /** {@code allowedHosts}: host names (or suffixes starting with a dot) requests may go to; empty for any. */
    HttpRequestTool(List<String> allowedHosts) {
        this.allowedHosts = List.copyOf(allowedHosts);
    }

    public String name() { return "http.request"; }

    public String description() { return "Calls an HTTP endpoint and returns its status, headers and body."; }

    public JsonNode call(JsonNode input, ToolCall call) throws InterruptedException {
        JsonNode in = input == null ? Json.object() : input;
        String method = in.path("method").asText("GET").toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw invalid("method '" + method + "' is not one of " + METHODS);
        }
        URI uri = uri(in.path("url").asText(""));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(in.path("timeout").asLong(30)));
        in.path("headers").fields().forEachRemaining(h -> request.header(h.getKey(), h.getValue().asText()));
        if (!in.path("headers").has("Idempotency-Key") && call.idempotencyKey() != null) {
            request.header("Idempotency-Key", call.idempotencyKey());
        }
        JsonNode body = in.get("body");
        if (body == null || body.isNull()) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else if (body.isTextual()) {
            request.method(method, HttpRequest.BodyPublishers.ofString(body.asText()));
        } else {
            if (!in.path("headers").has("Content-Type")) {
                request.header("Content-Type", "application/json");
            }
            request.method(method, HttpRequest.BodyPublishers.ofString(Json.write(body)));
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new StepFailure("http.timeout", method + " " + uri + " did not answer in time", true);
        } catch (IOException e) {
            throw new StepFailure("http.network", method + " " + uri + " failed: " + e.getMessage(), true);
        }
        int status = response.statusCode();
        if (status >= 400 && in.path("fail_on_status").asBoolean(true)) {
            String code = status >= 500 ? "http.5xx" : status == 429 ? "http.429" : "http.4xx";
            throw new StepFailure(code, method + " " + uri + " answered " + status + ": " + abbreviate(response.body()),
                    status >= 500 || status == 429);
        }
        return output(response);
    }

    private URI uri(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw invalid("url '" + text + "' is not a URL: " + e.getMessage());
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw invalid("url '" + text + "' must be an absolute http or https URL");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (!allowedHosts.isEmpty() && allowedHosts.stream().noneMatch(allowed ->
                allowed.startsWith(".") ? host.endsWith(allowed) : host.equals(allowed))) {
            throw new StepFailure("http.forbidden_host", "host " + host + " is not in tools.http.allowed_hosts "
                    + allowedHosts + "; ask the operator to allow it", false);
        }
        return uri;
    }

    private static JsonNode output(HttpResponse<String> response) {
        ObjectNode headers = Json.object();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
        ObjectNode output = Json.object().put("status", response.statusCode());
        output.set("headers", headers);
        String text = response.body() == null ? "" : response.body();
        if (text.length() > MAX_BODY_CHARS) {
            throw new StepFailure("http.too_large", "the response body has " + text.length() + " characters; at most "
                    + MAX_BODY_CHARS + " are kept in a step output", false);
        }
        boolean json = response.headers().firstValue("content-type").map(t -> t.contains("json")).orElse(false);
        if (json && !text.isBlank()) {
            try {
                output.set("body", Json.MAPPER.readTree(text));
                return output;
            } catch (IOException notJson) {
                // fall through: keep it as text
            }
        }
        output.put("body", text);
        return output;
    }

    private static StepFailure invalid(String message) {
        return new StepFailure("http.invalid", message, false);
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() <= 500 ? text : text.substring(0, 500) + "…";
    }
}
