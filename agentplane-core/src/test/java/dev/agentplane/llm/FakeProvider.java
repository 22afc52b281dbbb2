package dev.agentplane.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.agentplane.common.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A local HTTP server standing in for a hosted model: it answers each request with the next scripted reply
 * (JSON, an SSE stream, or no answer until the test ends) and keeps every request for assertions.
 */
public final class FakeProvider implements AutoCloseable {
    public record Received(String method, String path, Headers headers, JsonNode body) {
        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    sealed interface Reply {}

    record JsonReply(int status, Map<String, String> headers, String body) implements Reply {}

    /** Each event is written and flushed on its own, as a provider streams them. */
    record SseReply(List<String> events) implements Reply {}

    /** Holds the request open until the test ends: a provider that never answers. */
    record Silence() implements Reply {}

    /** A reply made from the request it answers (e.g. naming a file a tool reported earlier in the conversation). */
    public record Computed(java.util.function.Function<JsonNode, FakeProvider> script) implements Reply {}

    private final HttpServer server;
    private final java.util.concurrent.ConcurrentLinkedDeque<Reply> replies = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    private FakeProvider(HttpServer server) {
        this.server = server;
    }

    public static FakeProvider start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        FakeProvider provider = new FakeProvider(server);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", provider::handle);
        server.start();
        return provider;
    }

    /** The API base, as configured under api_base. */
    public String apiBase() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    FakeProvider reply(Reply reply) {
        replies.add(reply);
        return this;
    }

    public FakeProvider json(int status, String body) {
        return reply(new JsonReply(status, Map.of(), body));
    }

    /** A tool call in a scripted OpenAI answer; {@code arguments} is the JSON text of the arguments. */
    public record Call(String id, String name, String arguments) {}

    /** An OpenAI chat completion that calls tools (and says {@code content}, which may be null). */
    public FakeProvider toolCalls(String content, int promptTokens, int completionTokens, Call... calls) {
        com.fasterxml.jackson.databind.node.ObjectNode reply = Json.object().put("id", "chatcmpl-2")
                .put("object", "chat.completion").put("created", 1).put("model", "gpt-4o-mini");
        com.fasterxml.jackson.databind.node.ObjectNode message = reply.putArray("choices").addObject().put("index", 0)
                .put("finish_reason", "tool_calls").putObject("message").put("role", "assistant").put("content", content);
        com.fasterxml.jackson.databind.node.ArrayNode toolCalls = message.putArray("tool_calls");
        for (Call call : calls) {
            toolCalls.addObject().put("id", call.id()).put("type", "function").putObject("function")
                    .put("name", call.name()).put("arguments", call.arguments());
        }
        reply.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        return json(200, Json.write(reply));
    }

    /** An OpenAI chat completion whose answer is {@code content}, with the usage given. */
    public FakeProvider completion(String content, int promptTokens, int completionTokens) {
        com.fasterxml.jackson.databind.node.ObjectNode reply = Json.object().put("id", "chatcmpl-1")
                .put("object", "chat.completion").put("created", 1).put("model", "gpt-4o-mini");
        reply.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop")
                .putObject("message").put("role", "assistant").put("content", content);
        reply.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        return json(200, Json.write(reply));
    }

    FakeProvider json(int status, Map<String, String> headers, String body) {
        return reply(new JsonReply(status, headers, body));
    }

    FakeProvider sse(List<String> events) {
        return reply(new SseReply(events));
    }

    /** A reply the script makes from the request: it scripts one JSON reply on this provider, which answers it. */
    public FakeProvider computed(java.util.function.Function<JsonNode, FakeProvider> script) {
        return reply(new Computed(script));
    }

    public FakeProvider silence() {
        return reply(new Silence());
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    public Received lastRequest() {
        return received.getLast();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders(), body.length == 0 ? null
                : Json.parse(new String(body, StandardCharsets.UTF_8))));
        Reply reply = replies.poll();
        try (exchange) {
            switch (reply) {
                case null -> send(exchange, 500, Map.of(), "{\"error\": {\"message\": \"no reply scripted\"}}");
                case JsonReply json -> send(exchange, json.status(), json.headers(), json.body());
                case SseReply sse -> stream(exchange, sse.events());
                case Silence silence -> awaitClose();
                case Computed computed -> {
                    computed.script().apply(received.getLast().body());
                    Reply made = replies.pollLast();
                    switch (made) {
                        case JsonReply json -> send(exchange, json.status(), json.headers(), json.body());
                        default -> send(exchange, 500, Map.of(), "{\"error\": {\"message\": \"a computed reply must be JSON\"}}");
                    }
                }
            }
        }
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        headers.forEach(exchange.getResponseHeaders()::add);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void stream(HttpExchange exchange, List<String> events) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (String event : events) {
            out.write((event + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private void awaitClose() {
        try {
            closing.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
