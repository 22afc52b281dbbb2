package dev.agentplane.cli.testrun;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.AgentPlane;
import dev.agentplane.escalations.DismissEscalation;
import dev.agentplane.escalations.Escalation;
import dev.agentplane.escalations.ResolveEscalation;
import dev.agentplane.executions.ExecutionStep;
import dev.agentplane.tenancy.Actor;

/** Decides an approval step's escalation the way a person would over the API: resolves or dismisses it. */
final class Approvals {
    static final String DECIDED_BY = "agentplane test";

    private Approvals() {}

    /** Returns whether it decided something (false when the escalation was decided already). */
    static boolean decide(AgentPlane plane, Actor actor, ExecutionStep run, JsonNode resolution, String rejection) {
        Escalation escalation = plane.escalations().ofStepRun(actor, run.id()).orElseThrow(() ->
                new IllegalStateException("approval step run " + run.id() + " waits without an escalation"));
        if (!escalation.status().equals(Escalation.OPEN) && !escalation.status().equals(Escalation.IN_PROGRESS)) {
            return false;
        }
        if (rejection != null) {
            plane.escalations().dismiss(actor, escalation.id(), new DismissEscalation(rejection));
        } else {
            plane.escalations().resolve(actor, escalation.id(), new ResolveEscalation(resolution, DECIDED_BY));
        }
        return true;
    }
}
