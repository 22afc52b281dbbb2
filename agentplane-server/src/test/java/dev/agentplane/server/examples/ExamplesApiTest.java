package dev.agentplane.server.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The examples the README points at are accepted by the server as written. */
class ExamplesApiTest {
    private static final Path WORKFLOWS = Path.of("..", "examples", "workflows");

    @ApiTest
    void every_example_workflow_is_accepted(Api api) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(WORKFLOWS)) {
            files = listing.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            api.send("POST", "/v1/workflows", Files.readString(file), "application/yaml").expect(201);
        }
    }
}
