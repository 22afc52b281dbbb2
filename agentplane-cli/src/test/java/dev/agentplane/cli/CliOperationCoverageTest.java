package dev.agentplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentplane.client.Operation;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every operation of openapi.yaml can be done from the CLI: some command calls it (marked with @Operation). */
class CliOperationCoverageTest {
    private static final Path OPENAPI = Path.of("..", "agentplane-server", "src", "main", "resources", "openapi.yaml");

    @Test
    void every_operation_has_a_command() throws IOException {
        Set<String> operations = new TreeSet<>();
        Matcher ids = Pattern.compile("(?m)^\\s+operationId:\\s*(\\w+)").matcher(Files.readString(OPENAPI));
        while (ids.find()) {
            operations.add(ids.group(1));
        }

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
