package dev.agentplane.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import java.net.http.HttpHeaders;

/** A response, its parsed JSON body, and assertions that print the body when they fail. */
public record ApiResponse(String method, String path, int status, HttpHeaders headers, String text) {

    public JsonNode body() {
        return text == null || text.isEmpty() ? null : Json.parse(text);
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    public ApiResponse expect(int expected) {
        assertThat(status).as("%s %s -> %s", method, path, text).isEqualTo(expected);
        return this;
    }

    /** Asserts a problem of this status whose errors name {@code field} (a JSON pointer or a parameter). */
    public ApiResponse expectProblem(int expected, String field) {
        expect(expected);
        assertThat(header("Content-Type")).startsWith("application/problem+json");
        if (field != null) {
            assertThat(body().get("errors")).as("errors of %s", text).isNotNull();
            boolean named = false;
            for (JsonNode error : body().get("errors")) {
                named |= field.equals(error.path("pointer").asText(null)) || field.equals(error.path("parameter").asText(null));
                assertThat(error.path("fix").asText()).isNotBlank();
            }
            assertThat(named).as("a problem naming %s in %s", field, text).isTrue();
        }
        return this;
    }

    public String id() {
        return body().get("id").asText();
    }
}
