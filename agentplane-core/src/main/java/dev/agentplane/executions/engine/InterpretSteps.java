package dev.agentplane.executions.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.executions.Usage;
import dev.agentplane.interpret.InterpretRequest;
import dev.agentplane.interpret.InterpretResult;
import dev.agentplane.interpret.InterpretService;
import dev.agentplane.tenancy.Actor;
import dev.agentplane.workflows.definition.StepBody;
import java.util.function.UnaryOperator;

/**
 * Runs interpret steps: the whole interpret answer (data, confidence, missing fields, should_escalate…) is the
 * step's output, so later steps can branch on it, e.g. send a low-confidence result to an approval step.
 */
final class InterpretSteps {
    private final InterpretService interpreter;

    InterpretSteps(InterpretService interpreter) {
        this.interpreter = interpreter;
    }

    Outcome run(StepRun run, StepBody.Interpret body, UnaryOperator<JsonNode> render) {
        JsonNode context = render.apply(body.context());
        JsonNode options = render.apply(body.options());
        InterpretRequest request = new InterpretRequest(render.apply(body.data()), render.apply(body.schema()),
                context == null || context.isNull() ? null : context.isTextual() ? context.asText() : context.toString(),
                options == null || options.isNull() ? null : Json.MAPPER.convertValue(options, InterpretRequest.Options.class),
                threshold(render.apply(body.confidenceThreshold())), body.strategy(), body.model(), false);
        // The step's org pays for any model call; no key stands behind a step, so it acts as the org itself.
        InterpretResult result = interpreter.interpret(Actor.system(run.orgId()), request);
        Usage usage = result.tokens().total() == 0 ? null : new Usage(result.tokens().input(), result.tokens().output(),
                result.costEstimate() == null ? null : result.costEstimate().doubleValue());
        return new Outcome.Done(Json.MAPPER.valueToTree(result), usage);
    }

    private static Double threshold(JsonNode rendered) {
        if (rendered == null || rendered.isNull()) {
            return null;
        }
        if (!rendered.isNumber()) {
            throw new StepFailure("interpret.threshold", "confidence_threshold came to " + rendered + ", not a number between 0 and 1", false);
        }
        return rendered.asDouble();
    }
}
