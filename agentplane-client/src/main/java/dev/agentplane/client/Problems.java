package dev.agentplane.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.client.internal.Json;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Reads an error answer as its problem, or makes one when the body is not problem+json (a proxy's page...). */
final class Problems {
    private Problems() {}

    static AgentPlaneException.Answer answer(String call, HttpResponse<?> response, byte[] body) {
        int status = response.statusCode();
        JsonNode json = null;
        Problem problem = null;
        try {
            json = Json.MAPPER.readTree(body);
            if (json != null && json.isObject() && json.has("title")) {
                problem = Json.convert(json, Problem.class);
            } else {
                json = null;
            }
        } catch (Exception notJson) {
            json = null;
        }
        if (problem == null) {
            String text = new String(body, StandardCharsets.UTF_8).strip();
            problem = new Problem("about:blank", "HTTP " + status, status, text.isEmpty() ? "HTTP " + status : text,
                    null, null, null, null, null, null);
        }
        String message = call + ": " + status + " " + problem.title() + (problem.detail() == null ? "" : ": " + problem.detail());
        return new AgentPlaneException.Answer(message, status, problem, json, response.headers());
    }
}
