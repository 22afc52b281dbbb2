package dev.agentplane.cli.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * An MCP stdio server that relays every JSON-RPC message to an AgentPlane server's streamable HTTP endpoint
 * ({@code /mcp}) and writes back what it answers, so the tools have one implementation, on the server, with its
 * roles, validation and audit. Messages are newline-delimited JSON on stdin and stdout (the MCP stdio transport);
 * stdout carries nothing else. Requests are relayed concurrently (a {@code task_claim} that waits does not hold up
 * a {@code ping}); {@code initialize} is relayed first and alone, since it opens the HTTP session the others use.
 * When the server has forgotten the session (it restarted), the bridge opens a new one and sends the message again.
 */
public final class McpBridge {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCEPT = "application/json, text/event-stream";
    /** JSON-RPC's range for implementation-defined server errors: the HTTP side failed. */
    private static final int SERVER_ERROR = -32000;

    private final URI endpoint;
    private final String apiKey;
    private final HttpClient http;
    private final PrintStream out;
    private final PrintStream log;
    private volatile String sessionId;
    private volatile String protocolVersion;
    private volatile String initializeMessage;

    public McpBridge(URI server, String apiKey, PrintStream out, PrintStream log) {
        this.endpoint = endpoint(server);
        this.apiKey = apiKey;
        this.out = out;
        this.log = log;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** The HTTP session the bridge relays into, once initialize opened it (null before). */
    String sessionId() {
        return sessionId;
    }

    /** The server's /mcp (a URL that already ends with /mcp is taken as it is; a path prefix is kept). */
    static URI endpoint(URI server) {
        String url = server.toString();
        return URI.create(url.endsWith("/mcp") ? url : url.replaceAll("/+$", "") + "/mcp");
    }

    /** Relays until stdin ends, then ends the HTTP session. */
    public void run(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try (ExecutorService relays = Executors.newVirtualThreadPerTaskExecutor()) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode message = parse(line);
                if (message == null) {
                    continue;
                }
                if ("initialize".equals(message.path("method").asText())) {
                    initializeMessage = line;
                    relay(message, line);
                } else {
                    String text = line;
                    relays.submit(() -> relay(message, text));
                }
            }
        }
        endSession();
    }

    private JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            write(error(null, -32700, "Parse error: " + e.getMessage()));
            return null;
        }
    }

    private void relay(JsonNode message, String text) {
        try {
            HttpResponse<Stream<String>> response = post(text);
            if (response.statusCode() == 404 && sessionId != null && initializeMessage != null) {
                response.body().close();
                log.println("agentplane mcp: the server no longer knows session " + sessionId + "; opening a new one");
                reopenSession();
                response = post(text);
            }
            answer(message, response);
        } catch (IOException e) {
            fail(message, "cannot reach AgentPlane at " + endpoint + ": " + e.getMessage()
                    + "; check --server (AGENTPLANE_URL) and that the server is running");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            fail(message, "agentplane mcp failed to relay the message: " + e);
        }
    }

    private HttpResponse<Stream<String>> post(String text) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .header("Accept", ACCEPT)
                .header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
        if (sessionId != null) {
            request.header("Mcp-Session-Id", sessionId);
        }
        if (protocolVersion != null) {
            request.header("MCP-Protocol-Version", protocolVersion);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
    }

    private void reopenSession() throws IOException, InterruptedException {
        sessionId = null;
        HttpResponse<Stream<String>> opened = post(initializeMessage);
        String body = String.join("\n", opened.body().toList());
        if (opened.statusCode() != 200) {
            throw new IOException("the server refused a new session (" + opened.statusCode() + "): " + body);
        }
        remember(opened, JSON.readTree(body));
        post("{\"jsonrpc\": \"2.0\", \"method\": \"notifications/initialized\"}").body().close();
    }

    private void answer(JsonNode message, HttpResponse<Stream<String>> response) throws IOException {
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (response.statusCode() == 200 && type.startsWith("text/event-stream")) {
            try (Stream<String> lines = response.body()) {
                relayEvents(lines.iterator());
            }
        } else if (response.statusCode() == 200 && type.startsWith("application/json")) {
            JsonNode answer = JSON.readTree(String.join("\n", response.body().toList()));
            remember(response, answer);
            write(answer);
        } else {
            String body;
            try (Stream<String> lines = response.body()) {
                body = String.join("\n", lines.toList());
            }
            if (response.statusCode() >= 300) {
                fail(message, "AgentPlane answered HTTP " + response.statusCode() + ": " + detail(body));
            }
        }
    }

    /** The JSON-RPC messages of an SSE stream: the data of each event, written as one line each. */
    private void relayEvents(Iterator<String> lines) throws IOException {
        StringBuilder data = new StringBuilder();
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    write(JSON.readTree(data.toString()));
                    data.setLength(0);
                }
            } else if (line.startsWith("data:")) {
                data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).stripLeading());
            }
        }
        if (!data.isEmpty()) {
            write(JSON.readTree(data.toString()));
        }
    }

    private void remember(HttpResponse<?> response, JsonNode answer) {
        response.headers().firstValue("Mcp-Session-Id").ifPresent(id -> sessionId = id);
        JsonNode version = answer.at("/result/protocolVersion");
        if (version.isTextual()) {
            protocolVersion = version.textValue();
        }
    }

    /** A request gets a JSON-RPC error saying what went wrong; a notification has nobody to tell but the log. */
    private void fail(JsonNode message, String reason) {
        log.println("agentplane mcp: " + reason);
        if (message.hasNonNull("id") && message.has("method")) {
            write(error(message.get("id"), SERVER_ERROR, reason));
        }
    }

    /** The detail of a problem+json body, or the body itself. */
    private static String detail(String body) {
        try {
            JsonNode problem = JSON.readTree(body);
            if (problem != null && problem.hasNonNull("detail")) {
                return problem.get("detail").asText();
            }
            if (problem != null && problem.hasNonNull("message")) {
                return problem.get("message").asText();
            }
        } catch (IOException notJson) {
            // fall through to the raw body
        }
        return body.isBlank() ? "(no body)" : body;
    }

    private static ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0");
        answer.set("id", id);
        answer.putObject("error").put("code", code).put("message", message);
        return answer;
    }

    private void write(JsonNode message) {
        synchronized (out) {
            out.print(message.toString());
            out.print('\n');
            out.flush();
        }
    }

    private void endSession() {
        if (sessionId == null) {
            return;
        }
        try {
            http.send(HttpRequest.newBuilder(endpoint).header("Authorization", "Bearer " + apiKey)
                    .header("Mcp-Session-Id", sessionId).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            log.println("agentplane mcp: could not end session " + sessionId + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
