package dev.agentplane.teams.tools.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import dev.agentplane.teams.tools.AgentTool;
import dev.agentplane.teams.tools.ToolContext;
import dev.agentplane.teams.tools.ToolResult;
import dev.agentplane.teams.tools.support.Arguments;
import dev.agentplane.teams.tools.support.ToolArgumentException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code http}: a GET or POST to a public http(s) URL, within a time and a size cap. Redirects are followed by hand
 * (at most {@value #MAX_REDIRECTS}) so that each hop's destination is checked like the first; private, loopback and
 * link-local destinations are refused unless the team's settings allow them.
 */
public final class HttpTool implements AgentTool {
    static final int MAX_REDIRECTS = 5;
    private static final JsonNode SCHEMA = Json.parse("""
            {"type": "object", "additionalProperties": false, "required": ["url"], "properties": {
              "method": {"type": "string", "enum": ["GET", "POST"], "description": "GET (default) or POST"},
              "url": {"type": "string", "description": "an absolute http or https URL"},
              "headers": {"type": "object", "additionalProperties": {"type": "string"}, "description": "request headers"},
              "body": {"description": "POST only: a string sent as it is, or JSON sent as application/json"}
            }}""");
    private final HttpSettings settings;
    private final DestinationGuard guard;
    private final HttpClient client;

    public HttpTool(HttpSettings settings) {
        this(settings, HostResolver.SYSTEM);
    }

    /** {@code resolver}: where host names are looked up before each hop is checked. */
    public HttpTool(HttpSettings settings, HostResolver resolver) {
        this.settings = settings;
        this.guard = new DestinationGuard(settings, resolver);
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY) // a proxy would connect to hosts this tool never checked
                .connectTimeout(settings.timeout()).build();
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public String description() {
        return "Sends a GET or POST request to a public http(s) URL and returns the status, content type and body "
                + "(text only; JSON re-indented; at most " + settings.maxResponseBytes() + " bytes). Redirects are "
                + "followed (at most " + MAX_REDIRECTS + "); a request may take " + settings.timeout().toSeconds()
                + " s." + (settings.allowPrivate() ? "" : " Private, loopback and link-local addresses are refused"
                + (settings.allowHosts().isEmpty() ? "." : " except " + String.join(", ", settings.allowHosts()) + "."));
    }

    @Override
    public JsonNode parameters() {
        return SCHEMA.deepCopy();
    }

    @Override
    public ToolResult run(JsonNode arguments, ToolContext context) throws InterruptedException {
        HttpCall call;
        try {
            call = call(Arguments.of(arguments, Set.of("method", "url", "headers", "body")));
        } catch (ToolArgumentException e) {
            return ToolResult.error(e.getMessage());
        }
        Duration limit = context.timeout() != null && context.timeout().compareTo(settings.timeout()) < 0
                ? context.timeout() : settings.timeout();
        long deadline = System.nanoTime() + limit.toNanos();
        for (int redirects = 0; ; redirects++) {
            try {
                Optional<String> refusal = guard.refusal(call.url());
                if (refusal.isPresent()) {
                    return ToolResult.error(refusal.get() + (redirects == 0 ? "" : " (reached by a redirect)"));
                }
            } catch (UnknownHostException e) {
                return ToolResult.error("the host of '" + call.url() + "' could not be resolved; check the URL");
            }
            HttpExchange.Outcome outcome = HttpExchange.send(client, call, deadline, settings.maxResponseBytes(), limit);
            if (outcome instanceof HttpExchange.Failed failed) {
                return ToolResult.error(failed.message());
            }
            HttpExchange.Answered answered = (HttpExchange.Answered) outcome;
            Optional<HttpCall> next;
            try {
                next = call.redirectedBy(answered.response());
            } catch (IllegalArgumentException e) {
                return ToolResult.error(call.url() + " redirected to a location that is not a URL: "
                        + answered.response().headers().firstValue("location").orElse(""));
            }
            if (next.isEmpty()) {
                return result(call, answered.response(), redirects);
            }
            if (redirects == MAX_REDIRECTS) {
                return ToolResult.error("stopped after " + MAX_REDIRECTS + " redirects; the last one pointed to "
                        + next.get().url());
            }
            call = next.get();
        }
    }

    private static HttpCall call(Arguments args) {
        String method = args.optionalString("method").orElse("GET").toUpperCase(Locale.ROOT);
        if (!method.equals("GET") && !method.equals("POST")) {
            throw new ToolArgumentException("argument 'method' must be GET or POST, not '" + method + "'");
        }
        String text = args.requiredString("url");
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw new ToolArgumentException("argument 'url' is not a URL: " + e.getMessage());
        }
        if (!url.isAbsolute()) {
            throw new ToolArgumentException("argument 'url' must be an absolute http or https URL such as "
                    + "https://example.com/path, not '" + text + "'");
        }
        Map<String, String> headers = headers(args.get("headers"));
        JsonNode body = args.get("body");
        if (body != null && method.equals("GET")) {
            throw new ToolArgumentException("argument 'body' is only for POST; a GET sends no body");
        }
        String content = null;
        if (body != null && body.isTextual()) {
            content = body.asText();
        } else if (body != null && body.isContainerNode()) {
            content = Json.write(body);
            if (headers.keySet().stream().noneMatch("content-type"::equalsIgnoreCase)) {
                headers.put("Content-Type", "application/json");
            }
        } else if (body != null) {
            throw new ToolArgumentException("argument 'body' must be a string or a JSON object or array");
        }
        return new HttpCall(method, url, headers, content);
    }

    private static Map<String, String> headers(JsonNode node) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (node == null) {
            return headers;
        }
        if (!node.isObject()) {
            throw new ToolArgumentException("argument 'headers' must be an object of header names to string values");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isTextual()) {
                throw new ToolArgumentException("argument 'headers." + field.getKey() + "' must be a string");
            }
            headers.put(field.getKey(), field.getValue().asText());
        }
        return headers;
    }

    private ToolResult result(HttpCall call, HttpResponse<CappedBody.Bytes> response, int redirects) {
        String contentType = response.headers().firstValue("content-type").orElse(null);
        CappedBody.Bytes body = response.body();
        StringBuilder text = new StringBuilder("HTTP ").append(response.statusCode()).append(" from ")
                .append(call.method()).append(' ').append(call.url());
        if (redirects > 0) {
            text.append(" (after ").append(redirects).append(redirects == 1 ? " redirect)" : " redirects)");
        }
        if (contentType != null) {
            text.append("\ncontent-type: ").append(contentType);
        }
        text.append("\n\n").append(ResponseText.of(contentType, body.bytes(), body.truncated()));
        if (body.truncated()) {
            text.append("\n[… response truncated at ").append(settings.maxResponseBytes())
                    .append(" bytes (tools.http.max_response_bytes) …]");
        }
        ObjectNode data = Json.object().put("status", response.statusCode()).put("method", call.method())
                .put("url", call.url().toString()).put("content_type", contentType).put("bytes", body.bytes().length)
                .put("truncated", body.truncated()).put("redirects", redirects);
        return new ToolResult(text.toString(), response.statusCode() >= 400, data);
    }
}
