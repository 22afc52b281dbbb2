package dev.agentplane.cli.teamrun;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The few calls the CLI makes to a remote AgentPlane server, with its API key; a refusal says what the server said. */
final class ServerClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final String apiKey;

    ServerClient(URI base, String apiKey) {
        this.base = base;
        this.apiKey = apiKey;
    }

    /** The answer's JSON body, or null for 404. */
    JsonNode get(String path) {
        return send(request(path).GET(), path, true);
    }

    JsonNode post(String path, JsonNode body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))), path, false);
    }

    JsonNode postYaml(String path, String yaml) {
        return send(request(path).header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(yaml)), path, false);
    }

    JsonNode put(String path, JsonNode body) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Json.write(body))), path, false);
    }

    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + apiKey).header("Accept", "application/json");
    }

    private JsonNode send(HttpRequest.Builder request, String path, boolean absentIsNull) {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the server " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling " + base);
        }
        if (response.statusCode() == 404 && absentIsNull) {
            return null;
        }
        if (response.statusCode() >= 400) {
            String detail = response.body();
            try {
                detail = Json.MAPPER.readTree(response.body()).path("detail").asText(response.body());
            } catch (IOException notJson) {
                // keep the raw body
            }
            throw new ServerRefusal(response.statusCode(), path + ": " + response.statusCode() + " " + detail);
        }
        try {
            return response.body().isBlank() ? Json.object() : Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("the server answered " + path + " with something that is not JSON", e);
        }
    }

    /** The server refused a call: {@code status} and the problem's detail. */
    static final class ServerRefusal extends RuntimeException {
        final int status;

        ServerRefusal(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
