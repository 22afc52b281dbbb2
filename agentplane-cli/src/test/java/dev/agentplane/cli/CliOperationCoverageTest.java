package dev.agentplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentplane.client.Operation;
import dev.agentplane.common.Json;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every operation of openapi.yaml can be done from the CLI: some command calls it (marked with @Operation). The MCP
 * endpoint is for MCP clients; `agentplane mcp` relays to it (McpCommandTest).
 */
class CliOperationCoverageTest {
    private static final Path OPENAPI = Path.of("..", "agentplane-server", "src", "main", "resources", "openapi.yaml");

    @Test
    void every_operation_has_a_command() throws IOException {
        Set<String> operations = new TreeSet<>();
        Json.YAML.readTree(Files.readString(OPENAPI)).get("paths").properties().stream()
                .filter(path -> !path.getKey().equals("/mcp")) // MCP clients' endpoint: `agentplane mcp` relays to it
                .forEach(path -> path.getValue().findValues("operationId").forEach(id -> operations.add(id.asText())));

        Set<String> covered = new TreeSet<>();
        Deque<CommandLine> commands = new ArrayDeque<>();
        commands.add(Main.commandLine());
        while (!commands.isEmpty()) {
            CommandLine command = commands.pop();
            Object user = command.getCommandSpec().userObject();
            Class<?> type = user instanceof Method method ? method.getDeclaringClass() : user.getClass();
            for (Method method : type.getDeclaredMethods()) {
                Operation operation = method.getAnnotation(Operation.class);
                if (operation != null) {
                    covered.add(operation.value());
                }
            }
            commands.addAll(command.getSubcommands().values());
        }

        assertThat(operations).hasSizeGreaterThan(80);
        assertThat(covered).as("operations without a CLI command").containsAll(operations);
        assertThat(operations).as("@Operation naming no operation").containsAll(covered);
    }
}
