package dev.agentplane.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every operation of openapi.yaml has a method: a public method annotated with its operationId, reachable from
 * {@link AgentPlaneClient} through its public resource accessors.
 */
class OperationCoverageTest {
    /** The MCP endpoint is for MCP clients (docs/mcp.md), not an operation the SDK wraps. */
    private static final String MCP_ENDPOINT = "/mcp";
    private static final Path OPENAPI = Path.of("..", "agentplane-server", "src", "main", "resources", "openapi.yaml");

    static Set<String> documentedOperations() throws Exception {
        JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(OPENAPI));
        Set<String> ids = new TreeSet<>();
        spec.get("paths").properties().stream().filter(path -> !path.getKey().equals(MCP_ENDPOINT))
                .forEach(path -> path.getValue().properties().forEach(operation -> {
            if (operation.getValue().has("operationId")) {
                ids.add(operation.getValue().get("operationId").asText());
            }
        }));
        return ids;
    }

    /** operationId → the methods carrying it, over the client and every class its public accessors return. */
    static TreeMap<String, Set<String>> annotatedMethods() {
        TreeMap<String, Set<String>> methods = new TreeMap<>();
        Set<Class<?>> seen = new HashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(Set.of(AgentPlaneClient.class));
        while (!todo.isEmpty()) {
            Class<?> type = todo.pop();
            if (!seen.add(type)) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                if (!Modifier.isPublic(method.getModifiers()) || Modifier.isStatic(method.getModifiers())) {
                    continue;
                }
                Operation operation = method.getAnnotation(Operation.class);
                if (operation != null) {
                    methods.computeIfAbsent(operation.value(), id -> new TreeSet<>()).add(type.getSimpleName() + "." + method.getName());
                }
                boolean resourceAccessor = method.getParameterCount() == 0 && Modifier.isPublic(method.getReturnType().getModifiers())
                        && method.getReturnType().getPackage() == AgentPlaneClient.class.getPackage()
                        && !method.getReturnType().isRecord() && !method.getReturnType().isInterface();
                if (resourceAccessor) {
                    todo.push(method.getReturnType());
                }
            }
        }
        return methods;
    }

    @Test
    void every_documented_operation_has_a_method() throws Exception {
        Set<String> documented = documentedOperations();
        assertThat(documented).hasSizeGreaterThanOrEqualTo(89);

        assertThat(annotatedMethods().keySet()).as("operations without a method").containsAll(documented);
    }

    @Test
    void every_annotated_method_names_a_documented_operation() throws Exception {
        assertThat(documentedOperations()).as("@Operation values that are not operationIds").containsAll(annotatedMethods().keySet());
    }
}
