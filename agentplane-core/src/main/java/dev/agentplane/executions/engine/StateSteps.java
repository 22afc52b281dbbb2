package dev.agentplane.executions.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.common.problems.NotFoundException;
import dev.agentplane.common.problems.ProblemException;
import dev.agentplane.state.PutStateRequest;
import dev.agentplane.state.StateCondition;
import dev.agentplane.state.StateEntry;
import dev.agentplane.state.StateService;
import dev.agentplane.tenancy.Actor;
import dev.agentplane.workflows.definition.StepBody;

/** {@code state.get} and {@code state.set}: the org's state, read and written as the engine itself. */
final class StateSteps {
    private final StateService state;

    StateSteps(StateService state) {
        this.state = state;
    }

    /** {@code {found, value, version}}; a missing key is {@code found: false}, not a failure. */
    Outcome get(StepRun run, String namespace, String key) {
        try {
            StateEntry entry = state.get(Actor.system(run.orgId()), namespace, key);
            return new Outcome.Done(Json.object().put("found", true).put("version", entry.version())
                    .set("value", entry.valueNode()));
        } catch (NotFoundException missing) {
            return new Outcome.Done(Json.object().put("found", false).putNull("value"));
        } catch (ProblemException refused) {
            return new Outcome.Failed("state.invalid", refused.detail(), false);
        }
    }

    Outcome set(StepRun run, StepBody.StateSet step, String namespace, String key, JsonNode value) {
        Integer ttl = step.ttl() == null ? null : (int) Math.max(1, step.ttl().toSeconds());
        try {
            StateEntry entry = state.put(Actor.system(run.orgId()), namespace, key, new PutStateRequest(value, ttl),
                    new StateCondition.Always()).entry();
            return new Outcome.Done(Json.object().put("version", entry.version()));
        } catch (ProblemException refused) {
            return new Outcome.Failed("state.invalid", refused.detail(), false);
        }
    }
}
