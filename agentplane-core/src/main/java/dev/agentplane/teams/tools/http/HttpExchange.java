package dev.agentplane.teams.tools.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Sends one request and waits for its capped answer until the call's deadline; every failure becomes a message. */
final class HttpExchange {
    sealed interface Outcome permits Answered, Failed {}

    record Answered(HttpResponse<CappedBody.Bytes> response) implements Outcome {}

    record Failed(String message) implements Outcome {}

    private HttpExchange() {}

    static Outcome send(HttpClient client, HttpCall call, long deadlineNanos, int maxBytes, Duration limit)
            throws InterruptedException {
        long remaining = deadlineNanos - System.nanoTime();
        String tooSlow = "no complete answer from " + call.method() + " " + call.url() + " within " + limit.toSeconds()
                + " s (tools.http.timeout_seconds)";
        if (remaining <= 0) {
            return new Failed(tooSlow);
        }
        HttpRequest request;
        try {
            request = request(call, Duration.ofNanos(remaining));
        } catch (IllegalArgumentException e) {
            return new Failed("the request cannot be sent: " + e.getMessage());
        }
        CompletableFuture<HttpResponse<CappedBody.Bytes>> future = client.sendAsync(request, info -> new CappedBody(maxBytes));
        try {
            return new Answered(future.get(remaining, TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Failed(tooSlow);
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                return new Failed(tooSlow);
            }
            if (cause instanceof ConnectException) {
                return new Failed("could not connect to " + call.url().getHost() + (call.url().getPort() < 0 ? ""
                        : ":" + call.url().getPort()) + " (" + (cause.getMessage() == null ? "connection refused" : cause.getMessage()) + ")");
            }
            String message = cause instanceof IOException && cause.getMessage() != null ? cause.getMessage() : String.valueOf(cause);
            return new Failed(call.method() + " " + call.url() + " failed: " + message);
        }
    }

    private static HttpRequest request(HttpCall call, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(call.url()).timeout(timeout)
                .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(call.body()));
        boolean userAgent = false;
        for (Map.Entry<String, String> header : call.headers().entrySet()) {
            builder.header(header.getKey(), header.getValue());
            userAgent |= header.getKey().equalsIgnoreCase("user-agent");
        }
        if (!userAgent) {
            builder.header("User-Agent", "AgentPlane-http-tool");
        }
        return builder.build();
    }
}
