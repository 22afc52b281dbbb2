package dev.agentplane.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The API contract, {@code openapi.yaml}: the server serves it, refuses to register a route it does not
 * document, and rejects query parameters an operation does not declare.
 */
public final class OpenApiContract {
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    private final String yaml;
    private final JsonNode document;
    private final Map<String, Operation> operations = new HashMap<>();

    public record Operation(String method, String path, String operationId, Set<String> queryParameters) {}

    private OpenApiContract(String yaml) throws IOException {
        this.yaml = yaml;
        this.document = Json.YAML.readTree(yaml);
        document.get("paths").fields().forEachRemaining(path -> {
            JsonNode pathItem = path.getValue();
            for (String method : METHODS) {
                JsonNode operation = pathItem.get(method);
                if (operation != null) {
                    Set<String> query = new HashSet<>();
                    collectQueryParameters(pathItem.get("parameters"), query);
                    collectQueryParameters(operation.get("parameters"), query);
                    operations.put(key(method, path.getKey()), new Operation(method.toUpperCase(Locale.ROOT),
                            path.getKey(), operation.get("operationId").asText(), Set.copyOf(query)));
                }
            }
        });
    }

    public static OpenApiContract load() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the classpath");
            }
            return new OpenApiContract(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void collectQueryParameters(JsonNode parameters, Set<String> into) {
        if (parameters == null) {
            return;
        }
        for (JsonNode parameter : parameters) {
            JsonNode resolved = resolve(parameter);
            if ("query".equals(resolved.path("in").asText())) {
                into.add(resolved.get("name").asText());
            }
        }
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        if (ref == null) {
            return node;
        }
        return document.at(ref.asText().substring(1));
    }

    /** The documented operation for a route, or an exception naming the undocumented route. */
    public Operation operation(String method, String path) {
        Operation operation = operations.get(key(method, path));
        if (operation == null) {
            throw new IllegalStateException("route " + method + " " + path + " is not documented in openapi.yaml: "
                    + "document it before registering it");
        }
        return operation;
    }

    public List<Operation> operations() {
        return new ArrayList<>(operations.values());
    }

    public String yaml() {
        return yaml;
    }

    public String json() {
        return Json.write(document);
    }

    private static String key(String method, String path) {
        return method.toUpperCase(Locale.ROOT) + " " + path;
    }
}
