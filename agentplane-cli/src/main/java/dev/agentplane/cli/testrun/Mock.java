package dev.agentplane.cli.testrun;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.executions.engine.StepOverride;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;

/**
 * A mock file: the JSON a step's output is replaced by, or, when its only member is {@code fail}, the failure the
 * step comes to instead: {@code {"fail": {"message": "…", "code": "mock.failed", "retryable": false}}} (code and
 * retryable optional). A failing mock fails every attempt, so the step's retry policy and on_error run as written.
 */
final class Mock {
    static final String DEFAULT_CODE = "mock.failed";
    private static final Set<String> FAIL_FIELDS = Set.of("message", "code", "retryable");

    private Mock() {}

    static StepOverride read(String stepId, Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UsageProblem("--mock " + stepId + "=" + file + ": there is no such file",
                    "give the path of a JSON file, relative to the current directory");
        } catch (IOException e) {
            throw new UsageProblem("--mock " + stepId + "=" + file + ": cannot read the file (" + e + ")",
                    "give the path of a readable JSON file");
        }
        JsonNode json = TestRun.json(text, "--mock " + stepId + "=" + file,
                "write the step's output as JSON, or {\"fail\": {\"message\": \"...\"}} for a failure");
        return json.isObject() && json.size() == 1 && json.has("fail") ? failure(stepId, file, json.get("fail")) : new StepOverride.Output(json);
    }

    private static StepOverride failure(String stepId, Path file, JsonNode fail) {
        String where = "--mock " + stepId + "=" + file + ": fail";
        String format = "write {\"fail\": {\"message\": \"...\", \"code\": \"...\", \"retryable\": false}} (code and retryable optional)";
        if (!fail.isObject() || !fail.path("message").isTextual()) {
            throw new UsageProblem(where + " needs a message", format);
        }
        for (Iterator<String> names = fail.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FAIL_FIELDS.contains(name)) {
                throw new UsageProblem(where + " has an unknown field '" + name + "'", format);
            }
        }
        if (fail.has("code") && !fail.get("code").isTextual() || fail.has("retryable") && !fail.get("retryable").isBoolean()) {
            throw new UsageProblem(where + ": code must be text and retryable true or false", format);
        }
        return new StepOverride.Failure(fail.path("code").asText(DEFAULT_CODE), fail.get("message").asText(),
                fail.path("retryable").asBoolean(false));
    }
}
