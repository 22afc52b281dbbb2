package dev.agentplane.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.agentplane.common.Json;
import dev.agentplane.server.http.OpenApiContract;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Checks a response against openapi.yaml: the status is documented and the body matches its schema. */
final class ContractValidator {
    private static final ContractValidator INSTANCE = new ContractValidator();

    private final JsonNode document = Json.parse(OpenApiContract.load().json());
    private final List<Route> routes = new ArrayList<>();
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private record Route(String template, Pattern pattern, int literalSegments) {}

    private ContractValidator() {
        document.get("paths").fieldNames().forEachRemaining(template -> routes.add(new Route(template,
                Pattern.compile("^" + template.replaceAll("\\{[^/]+}", "[^/]+") + "$"),
                (int) java.util.Arrays.stream(template.split("/")).filter(s -> !s.startsWith("{")).count())));
        routes.sort(Comparator.comparingInt(Route::literalSegments).reversed());
    }

    static ContractValidator instance() {
        return INSTANCE;
    }

    void check(ApiResponse response) {
        if (response.method().equals("OPTIONS")) {
            return; // CORS preflights are answered before routing, for every path alike (docs/security.md)
        }
        String path = response.path().split("\\?")[0];
        Route route = routes.stream().filter(r -> r.pattern().matcher(path).matches()).findFirst().orElse(null);
        if (route == null) {
            if (!path.startsWith("/v1/")) {
                return; // documentation and static assets are outside the contract
            }
            assertThat(response.status()).as("undocumented path %s answered %s", path, response.text()).isIn(404, 405);
            return;
        }
        JsonNode operation = document.get("paths").get(route.template()).get(response.method().toLowerCase());
        if (operation == null) {
            assertThat(response.status()).as("undocumented method %s %s", response.method(), path).isEqualTo(405);
            return;
        }
        ContractCoverage.record(operation.get("operationId").asText(), response.status());
        JsonNode responses = operation.get("responses");
        JsonNode documented = responses.has(String.valueOf(response.status()))
                ? responses.get(String.valueOf(response.status())) : responses.get("default");
        assertThat(documented).as("%s %s answered %s, which openapi.yaml does not document for %s: %s",
                response.method(), path, response.status(), operation.get("operationId").asText(), response.text())
                .isNotNull();
        documented = resolve(documented);
        JsonNode content = documented.get("content");
        if (content == null || response.status() == 204) {
            return;
        }
        String contentType = response.header("Content-Type");
        String mediaType = contentType == null ? null : contentType.split(";")[0].trim();
        assertThat(content.has(mediaType)).as("%s %s answered content type %s; documented: %s",
                response.method(), path, contentType, content.fieldNames().next()).isTrue();
        JsonNode schemaNode = content.get(mediaType).get("schema");
        if (schemaNode == null || !mediaType.endsWith("json")) {
            return; // a stream (text/event-stream) is checked event by event, see checkSchema
        }
        JsonSchema schema = schemas.computeIfAbsent(operation.get("operationId").asText() + " " + response.status(),
                key -> compile(schemaNode));
        Set<ValidationMessage> errors = schema.validate(response.body());
        assertThat(errors).as("%s %s -> %s does not match openapi.yaml: %s", response.method(), path,
                response.status(), response.text()).isEmpty();
    }

    /** Checks a value against a schema of components/schemas, e.g. one event of a stream against "Event". */
    void checkSchema(String schemaName, JsonNode value) {
        JsonSchema schema = schemas.computeIfAbsent("#" + schemaName,
                key -> compile(Json.object().put("$ref", "#/components/schemas/" + schemaName)));
        assertThat(schema.validate(value)).as("%s does not match %s in openapi.yaml", value, schemaName).isEmpty();
    }

    private JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            node = document.at(node.get("$ref").asText().substring(1));
        }
        return node;
    }

    /** The schema with the document's components beside it, so its #/components/... references resolve. */
    private JsonSchema compile(JsonNode schemaNode) {
        ObjectNode root = Json.object();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("components", document.get("components"));
        root.putArray("allOf").add(schemaNode);
        return factory.getSchema(root, config);
    }
}
