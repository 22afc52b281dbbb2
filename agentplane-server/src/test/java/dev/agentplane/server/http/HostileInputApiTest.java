package dev.agentplane.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Ids;
import dev.agentplane.common.Json;
import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiResponse;
import dev.agentplane.server.testing.ApiTest;
import dev.agentplane.server.testing.RawHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hostile input against every operation of openapi.yaml: malformed, mistyped, huge and deeply nested bodies,
 * invalid UTF-8, injection and traversal strings in every path and query parameter, and header injection.
 * Every answer must be a problem+json 4xx (or, for input that is merely odd but valid, a 2xx that leaks
 * nothing), never a 5xx, and the server must stay ready after every batch.
 */
class HostileInputApiTest {
    private static final Logger LOG = LoggerFactory.getLogger(HostileInputApiTest.class);
    private static final AtomicInteger CASES = new AtomicInteger();
    private static final OpenApiContract CONTRACT = OpenApiContract.load();
    private static final JsonNode DOCUMENT = Json.parse(CONTRACT.json());
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");
    private static final String HUGE = "x".repeat(1536 * 1024);

    /** Values for path and query parameters, sent percent-encoded (so the server sees them decoded)... */
    private static final List<String> HOSTILE_VALUES = List.of(
            "' OR 1=1 --", "'; DROP TABLE agents; --", "\" OR \"\"=\"", "1 UNION SELECT * FROM api_keys",
            "../../etc/passwd", "..\\..\\windows\\win.ini", "%2e%2e%2f", "\0", "a\0b", "\r\nX-Injected: 1",
            "<script>alert(1)</script>", "${jndi:ldap://x/a}", "*", "%", "_", "\uFFFF",
            "ü\u202Eevil", "x".repeat(4_000));
    /** ...and these are sent exactly as written, so the server decodes them itself. */
    private static final List<String> RAW_PATH_VALUES = List.of(
            "..", "%2e%2e", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%2f..%2fetc%2fpasswd", "%00", "a%00b", "%ff%fe",
            "%c0%ae%c0%ae", "%", "%zz", "%%32%65", "x".repeat(9_000));

    @AfterAll
    static void reportCount() {
        LOG.info("hostile input cases: {}", CASES.get());
        System.out.println("hostile input cases: " + CASES.get());
    }

    @ApiTest
    void malformed_mistyped_huge_and_deep_bodies_are_problem_4xx_on_every_operation(Api api) {
        List<String> failures = new ArrayList<>();
        for (OpenApiContract.Operation operation : operations()) {
            if (operation.method().equals("GET") || operation.method().equals("DELETE")) {
                continue;
            }
            String path = fill(operation.path(), Map.of());
            String method = operation.method();
            Map<String, Supplier<ApiResponse>> cases = new LinkedHashMap<>();
            cases.put("truncated JSON", () -> api.send(method, path, "{\"name\": ", "application/json"));
            cases.put("not JSON", () -> api.send(method, path, "hello", "application/json"));
            cases.put("trailing garbage", () -> api.send(method, path, "{} {}", "application/json"));
            cases.put("array", () -> api.send(method, path, "[1, 2]", "application/json"));
            cases.put("string", () -> api.send(method, path, "\"x\"", "application/json"));
            cases.put("null", () -> api.send(method, path, "null", "application/json"));
            cases.put("number", () -> api.send(method, path, "1e999999", "application/json"));
            cases.put("huge number", () -> api.send(method, path, "{\"n\": " + "9".repeat(5000) + "}", "application/json"));
            cases.put("NaN", () -> api.send(method, path, "{\"n\": NaN}", "application/json"));
            cases.put("duplicate keys", () -> api.send(method, path, "{\"name\": \"a\", \"name\": \"b\"}", "application/json"));
            cases.put("unknown field", () -> api.send(method, path, "{\"zzz_unknown\": 1}", "application/json"));
            cases.put("invalid UTF-8", () -> api.sendBytes(method, path, invalidUtf8(), "application/json"));
            cases.put("lone surrogate escape", () -> api.send(method, path, "{\"name\": \"\\ud800\"}", "application/json"));
            cases.put("UTF-16 body", () -> api.sendBytes(method, path, "{\"name\": \"x\"}".getBytes(StandardCharsets.UTF_16), "application/json"));
            cases.put("binary garbage", () -> api.sendBytes(method, path, new byte[] {0, 1, 2, (byte) 0xff, 0x7f}, "application/octet-stream"));
            cases.put("deep array nesting", () -> api.send(method, path, "[".repeat(5000) + "]".repeat(5000), "application/json"));
            cases.put("deep object nesting", () -> api.send(method, path, "{\"a\":".repeat(5000) + "1" + "}".repeat(5000), "application/json"));
            cases.put("deep nesting in a field", () -> api.send(method, path, "{\"name\": \"n\", \"config\": "
                    + "{\"a\":".repeat(300) + "1" + "}".repeat(300) + "}", "application/json"));
            cases.put("huge unknown string", () -> api.send(method, path, "{\"zzz\": \"" + HUGE + "\"}", "application/json"));
            cases.put("huge array", () -> api.send(method, path, "{\"zzz\": [" + "1,".repeat(700_000) + "1]}", "application/json"));
            cases.put("YAML bomb", () -> api.send(method, path, yamlBomb(), "application/yaml"));
            cases.put("deep YAML", () -> api.send(method, path, "a: " + "[".repeat(5000) + "]".repeat(5000), "application/yaml"));
            cases.put("wrong content type", () -> api.send(method, path, "{}", "text/plain"));
            JsonNode schema = requestSchema(operation);
            if (schema != null) {
                for (var property : properties(schema).entrySet()) {
                    String field = property.getKey();
                    for (JsonNode wrong : wrongValues(property.getValue())) {
                        cases.put("field " + field + " = " + abbreviate(wrong.toString()), () -> api.send(method, path,
                                Json.write(Json.object().set(field, wrong)), "application/json"));
                    }
                    cases.put("field " + field + " huge string", () -> api.send(method, path,
                            "{\"" + field + "\": \"" + HUGE + "\"}", "application/json"));
                    cases.put("field " + field + " huge array", () -> api.send(method, path,
                            "{\"" + field + "\": [" + "\"x\",".repeat(400_000) + "\"x\"]}", "application/json"));
                }
            }
            for (var entry : cases.entrySet()) {
                expectRefused(failures, operation, entry.getKey(), entry.getValue());
            }
            expectReady(api, failures, operation.operationId() + " bodies");
        }
        assertThat(failures).isEmpty();
    }

    @ApiTest
    void injection_and_traversal_in_path_parameters_are_problem_4xx(Api api) {
        List<String> failures = new ArrayList<>();
        for (OpenApiContract.Operation operation : operations()) {
            Matcher names = PATH_PARAMETER.matcher(operation.path());
            while (names.find()) {
                String name = names.group(1);
                for (String value : HOSTILE_VALUES) {
                    String path = fill(operation.path(), Map.of(name, encode(value)));
                    expectRefusedOrEmpty(failures, operation, name + " = " + abbreviate(value), () -> sendWithEmptyBody(api, operation, path));
                }
                for (String value : RAW_PATH_VALUES) {
                    String path = fill(operation.path(), Map.of(name, value));
                    expectRawRefused(api, failures, operation, name + " raw " + abbreviate(value), path);
                }
            }
            expectReady(api, failures, operation.operationId() + " path parameters");
        }
        assertThat(failures).isEmpty();
    }

    @ApiTest
    void injection_and_odd_values_in_query_parameters_are_refused_or_match_nothing(Api api) {
        // Data every list could wrongly return if a hostile filter were dropped or widened.
        api.post("/v1/agents", Json.object().put("name", "hostile-agent-" + Api.unique()).put("framework", "f")).expect(201);
        api.put("/v1/state/hostile-ns/hostile-key", Json.object().put("value", 1)).expect(201);
        List<String> failures = new ArrayList<>();
        for (OpenApiContract.Operation operation : operations()) {
            for (String name : operation.queryParameters().stream().sorted().toList()) {
                for (String value : HOSTILE_VALUES) {
                    String path = fill(operation.path(), Map.of()) + "?" + name + "=" + encode(value);
                    expectRefusedOrEmpty(failures, operation, name + " = " + abbreviate(value), () -> sendWithEmptyBody(api, operation, path));
                }
                for (String value : RAW_PATH_VALUES) {
                    String path = fill(operation.path(), Map.of()) + "?" + name + "=" + value;
                    expectRawRefused(api, failures, operation, name + " raw " + abbreviate(value), path);
                }
                String repeated = fill(operation.path(), Map.of()) + "?" + name + "=a&" + name + "=b";
                expectRefusedOrEmpty(failures, operation, name + " repeated", () -> sendWithEmptyBody(api, operation, repeated));
            }
            String many = fill(operation.path(), Map.of()) + "?" + "p=1&".repeat(1000) + "q=1";
            expectRefused(failures, operation, "1000 undeclared parameters", () -> sendWithEmptyBody(api, operation, many));
            expectReady(api, failures, operation.operationId() + " query parameters");
        }
        assertThat(failures).isEmpty();
    }

    @ApiTest
    void header_injection_and_huge_headers_are_refused_and_never_echoed(Api api) {
        List<String> failures = new ArrayList<>();
        for (OpenApiContract.Operation operation : operations()) {
            String path = fill(operation.path(), Map.of());
            String auth = "Authorization: Bearer " + api.key();
            List<String> heads = List.of(
                    "X-Request-Id: a\r\nX-Injected: 1",
                    "X-Request-Id: a\rX-Injected: 1",
                    "X-Request-Id: a\nX-Injected: 1",
                    "X-Request-Id: " + "r".repeat(5000),
                    "X-Request-Id: ../../etc/passwd",
                    "X-Request-Id: ' OR 1=1 --",
                    "If-Match: \"1\"\r\nX-Injected: 1",
                    "If-Match: \"' OR 1=1 --\"",
                    "If-Match: " + "9".repeat(400),
                    "If-None-Match: ' OR 1=1 --",
                    "X-Huge: " + "h".repeat(64 * 1024),
                    "Authorization: Bearer " + api.key() + "\r\nX-Injected: 1",
                    "Authorization: Bearer ' OR 1=1 --",
                    "Authorization: Bearer ap_" + "a".repeat(10_000));
            if (operation.operationId().equals("createAgent")) {
                // A body that never arrives: the server waits out its idle timeout, so this runs once, not per route.
                heads = new ArrayList<>(heads);
                heads.add("Content-Type: application/json\r\nContent-Length: 5");
            }
            for (String header : heads) {
                boolean replacesAuth = header.startsWith("Authorization");
                String head = operation.method() + " " + path + " HTTP/1.1\r\n" + (replacesAuth ? "" : auth + "\r\n") + header;
                CASES.incrementAndGet();
                try {
                    RawHttp.Response response = RawHttp.send(api.baseUrl(), head);
                    String label = operation.operationId() + " header " + abbreviate(header);
                    if (response.header("x-injected") != null) {
                        failures.add(label + ": the injected header came back");
                    }
                    String echoed = response.header("x-request-id");
                    if (echoed != null && !echoed.matches("[A-Za-z0-9._:-]{1,100}")) {
                        failures.add(label + ": unsafe request id echoed: " + abbreviate(echoed));
                    }
                    if (response.status() >= 500) {
                        failures.add(label + ": " + response.status() + " " + abbreviate(response.body()));
                    } else if (response.status() >= 400 && !isProblem(response.header("content-type"))) {
                        failures.add(label + ": " + response.status() + " is not problem+json: " + response.header("content-type"));
                    }
                } catch (RuntimeException e) {
                    failures.add(operation.operationId() + " header " + abbreviate(header) + ": " + e);
                }
            }
            expectReady(api, failures, operation.operationId() + " headers");
        }
        assertThat(failures).isEmpty();
    }

    // ---- sending and judging

    private static ApiResponse sendWithEmptyBody(Api api, OpenApiContract.Operation operation, String path) {
        return switch (operation.method()) {
            case "GET", "DELETE" -> api.send(operation.method(), path, null, null);
            default -> api.send(operation.method(), path, "{}", "application/json");
        };
    }

    private static void expectRefused(List<String> failures, OpenApiContract.Operation operation, String label,
                                      Supplier<ApiResponse> send) {
        judge(failures, operation, label, send, false);
    }

    private static void expectRefusedOrEmpty(List<String> failures, OpenApiContract.Operation operation, String label,
                                             Supplier<ApiResponse> send) {
        judge(failures, operation, label, send, true);
    }

    /** A 4xx problem; where {@code mayMatchNothing}, also a 2xx page with no items (the value filtered everything out). */
    private static void judge(List<String> failures, OpenApiContract.Operation operation, String label,
                              Supplier<ApiResponse> send, boolean mayMatchNothing) {
        CASES.incrementAndGet();
        String where = operation.method() + " " + operation.path() + " [" + label + "]";
        try {
            ApiResponse response = send.get();
            if (response.status() >= 400 && response.status() < 500) {
                if (!isProblem(response.header("Content-Type"))) {
                    failures.add(where + ": " + response.status() + " is not problem+json");
                }
            } else if (mayMatchNothing && response.status() == 200 && response.body() != null
                    && response.body().path("items").isArray() && response.body().get("items").isEmpty()) {
                return;
            } else if (!(mayMatchNothing && operation.path().startsWith("/health"))) {
                failures.add(where + ": answered " + response.status() + " " + abbreviate(response.text()));
            }
        } catch (AssertionError | RuntimeException e) {
            failures.add(where + ": " + abbreviate(String.valueOf(e.getMessage())));
        }
    }

    private static void expectRawRefused(Api api, List<String> failures, OpenApiContract.Operation operation,
                                         String label, String path) {
        CASES.incrementAndGet();
        String where = operation.method() + " " + operation.path() + " [" + label + "]";
        String head = operation.method() + " " + path + " HTTP/1.1\r\nAuthorization: Bearer " + api.key()
                + (operation.method().equals("GET") || operation.method().equals("DELETE") ? ""
                        : "\r\nContent-Type: application/json\r\nContent-Length: 0");
        try {
            RawHttp.Response response = RawHttp.send(api.baseUrl(), head);
            boolean emptyPage = response.status() == 200 && response.body().contains("\"items\":[]");
            if (response.status() >= 500 || (response.status() < 400 && !emptyPage && !operation.path().startsWith("/health"))) {
                failures.add(where + ": answered " + response.status() + " " + abbreviate(response.body()));
            } else if (response.status() >= 400 && !isProblem(response.header("content-type"))) {
                failures.add(where + ": " + response.status() + " is not problem+json: " + response.header("content-type")
                        + " " + abbreviate(response.body()));
            }
        } catch (RuntimeException e) {
            failures.add(where + ": " + e);
        }
    }

    private static void expectReady(Api api, List<String> failures, String batch) {
        int status = api.get("/health/ready").status();
        if (status != 200) {
            failures.add("after " + batch + ": /health/ready answered " + status);
        }
    }

    private static boolean isProblem(String contentType) {
        return contentType != null && contentType.startsWith(Problems.CONTENT_TYPE);
    }

    // ---- the contract as data

    private static List<OpenApiContract.Operation> operations() {
        return CONTRACT.operations().stream()
                .sorted(Comparator.comparing(OpenApiContract.Operation::operationId)).toList();
    }

    private static String fill(String template, Map<String, String> overrides) {
        Matcher matcher = PATH_PARAMETER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = overrides.containsKey(name) ? overrides.get(name) : switch (name) {
                case "name" -> "hostile-workflow";
                case "version" -> "1";
                case "namespace" -> "hostile-ns";
                case "key" -> "hostile-key";
                default -> Ids.newId();
            };
            matcher.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(path);
        return path.toString();
    }

    private static JsonNode requestSchema(OpenApiContract.Operation operation) {
        JsonNode body = DOCUMENT.path("paths").path(operation.path()).path(operation.method().toLowerCase()).path("requestBody");
        JsonNode schema = resolve(body).path("content").path("application/json").path("schema");
        return schema.isMissingNode() ? null : resolve(schema);
    }

    private static Map<String, JsonNode> properties(JsonNode schema) {
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        schema.path("properties").fields().forEachRemaining(e -> properties.put(e.getKey(), resolve(e.getValue())));
        for (JsonNode part : schema.path("allOf")) {
            properties.putAll(properties(resolve(part)));
        }
        return properties;
    }

    /** Values of every JSON type the property does not accept. */
    private static List<JsonNode> wrongValues(JsonNode property) {
        List<String> types = new ArrayList<>();
        JsonNode type = property.path("type");
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else if (type.isTextual()) {
            types.add(type.asText());
        }
        List<JsonNode> wrong = new ArrayList<>();
        Map<String, JsonNode> samples = new LinkedHashMap<>();
        samples.put("string", Json.MAPPER.getNodeFactory().textNode("' OR 1=1 --"));
        samples.put("integer", Json.MAPPER.getNodeFactory().numberNode(-1));
        samples.put("number", Json.MAPPER.getNodeFactory().numberNode(1.5e308));
        samples.put("boolean", Json.MAPPER.getNodeFactory().booleanNode(true));
        samples.put("array", Json.MAPPER.createArrayNode().add(1).add("x"));
        samples.put("object", Json.object().put("$gt", ""));
        for (var sample : samples.entrySet()) {
            boolean accepted = types.contains(sample.getKey())
                    || (sample.getKey().equals("integer") && types.contains("number"));
            if (!types.isEmpty() && !accepted) {
                wrong.add(sample.getValue());
            }
        }
        return wrong;
    }

    private static JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            node = DOCUMENT.at(node.get("$ref").asText().substring(1));
        }
        return node;
    }

    // ---- payloads

    private static byte[] invalidUtf8() {
        byte[] prefix = "{\"name\": \"".getBytes(StandardCharsets.UTF_8);
        byte[] bad = {(byte) 0xc3, (byte) 0x28, (byte) 0xff, (byte) 0xfe, (byte) 0xed, (byte) 0xa0, (byte) 0x80};
        byte[] suffix = "\"}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[prefix.length + bad.length + suffix.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        System.arraycopy(bad, 0, body, prefix.length, bad.length);
        System.arraycopy(suffix, 0, body, prefix.length + bad.length, suffix.length);
        return body;
    }

    private static String yamlBomb() {
        StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char previous = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            yaml.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ",").append('*').append(previous);
            }
            yaml.append("]\n");
            previous = c;
        }
        return yaml.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        String printable = text.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0");
        return printable.length() > 160 ? printable.substring(0, 160) + "…(" + printable.length() + " chars)" : printable;
    }
}
