package dev.agentplane.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.executions.engine.StepFailure;
import dev.agentplane.workflows.definition.Durations;
import java.time.Duration;
import java.util.List;

/** The built-in tools every workflow can use: {@code core.echo}, {@code core.fail} and {@code core.sleep}. */
final class CoreTools {
    private CoreTools() {}

    static List<Tool> all() {
        return List.of(new Echo(), new Fail(), new Sleep());
    }

    /** Returns its input: handy for shaping data and for tests. */
    static final class Echo implements Tool {
        public String name() { return "core.echo"; }
        public String description() { return "Returns its input unchanged."; }
        public JsonNode call(JsonNode input, ToolCall call) {
            return input == null ? Json.object() : input;
        }
    }

    /** Fails with {@code message} (and {@code code}, default core.fail); retryable unless {@code retryable: false}. */
    static final class Fail implements Tool {
        public String name() { return "core.fail"; }
        public String description() { return "Fails with the given message."; }
        public JsonNode call(JsonNode input, ToolCall call) {
            JsonNode in = input == null ? Json.object() : input;
            throw new StepFailure(in.path("code").asText("core.fail"), in.path("message").asText("core.fail was called"),
                    in.path("retryable").asBoolean(true));
        }
    }

    /** Waits {@code duration} (e.g. 2s) inside the worker, then returns {@code {slept_ms}}. */
    static final class Sleep implements Tool {
        public String name() { return "core.sleep"; }
        public String description() { return "Waits for the given duration inside the step."; }
        public JsonNode call(JsonNode input, ToolCall call) throws InterruptedException {
            String text = input == null ? "" : input.path("duration").asText("");
            Duration duration = Durations.parse(text);
            if (duration == null) {
                throw new StepFailure("core.sleep.input", "core.sleep needs duration, " + Durations.EXAMPLES + "; got '" + text + "'", false);
            }
            Thread.sleep(duration.toMillis());
            return Json.object().put("slept_ms", duration.toMillis());
        }
    }
}
