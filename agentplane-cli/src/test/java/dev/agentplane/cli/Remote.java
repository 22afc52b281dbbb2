package dev.agentplane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.server.testing.Api;
import java.util.ArrayList;
import java.util.List;

/** `agentplane` resource commands run in this JVM against a test server, with its admin key unless told. */
record Remote(Api api, String key) {
    static Remote of(Api api) {
        return new Remote(api, api.key());
    }

    Remote as(String otherKey) {
        return new Remote(api, otherKey);
    }

    CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--server", api.baseUrl(), "--api-key", key));
        return CliRun.of(all.toArray(String[]::new));
    }

    /** Runs with {@code -o json}, expects exit 0 and returns what it printed. */
    JsonNode json(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-o", "json"));
        CliRun run = run(all.toArray(String[]::new));
        if (run.exitCode() != 0) {
            throw new AssertionError("agentplane " + String.join(" ", args) + " exited " + run.exitCode() + ": " + run.err());
        }
        return Json.parse(run.out());
    }

    /** The id field of what a command printed as JSON. */
    String id(String... args) {
        return json(args).get("id").asText();
    }
}
