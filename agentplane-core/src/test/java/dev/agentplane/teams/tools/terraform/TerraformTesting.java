package dev.agentplane.teams.tools.terraform;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.testing.Toolchain;
import dev.agentplane.teams.tools.ToolContext;
import dev.agentplane.teams.tools.ToolResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The real Terraform CLI for tests, offline (configurations use only the built-in provider): a test skips without
 * it, except under CI=true, where it fails.
 */
public final class TerraformTesting {
    private static Boolean available;

    private TerraformTesting() {}

    public static void requireTerraform() {
        if (available == null) {
            available = probe();
        }
        if (!available) {
            Toolchain.unavailable("the terraform CLI is not installed (`terraform version` does not run)");
        }
    }

    private static boolean probe() {
        try {
            Process process = new ProcessBuilder("terraform", "version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public static ToolContext context(Path workspace) {
        return new ToolContext(workspace, "run-1", "infra", Duration.ofMinutes(5));
    }

    public static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode args(String json) {
        return Json.parse(json);
    }

    /** Runs an action and fails the test with the tool's text when it returns an error. */
    public static ToolResult ok(TerraformTool tool, Path workspace, String json) throws InterruptedException {
        ToolResult result = tool.run(args(json), context(workspace));
        if (result.error()) {
            fail("terraform " + json + " failed: " + result.content());
        }
        return result;
    }

    /** Plans with the tool and returns the saved plan's file name. */
    public static String plan(TerraformTool tool, Path workspace) throws InterruptedException {
        return ok(tool, workspace, "{\"action\": \"plan\"}").data().path("plan").asText();
    }
}
