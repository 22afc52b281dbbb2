package dev.agentplane.teams.tools.controlplane;

import dev.agentplane.common.Json;
import dev.agentplane.teams.tools.ToolContext;
import dev.agentplane.teams.tools.terraform.PlanSummary;
import dev.agentplane.teams.tools.terraform.TerraformApprovals;
import java.time.Duration;

/**
 * A person approves a Terraform apply through the control plane: an escalation carrying the plan's summary, and
 * the apply waits for its resolution. Resolving with {@code {"approved": true}} applies; anything else refuses.
 */
public final class EscalationApprovals implements TerraformApprovals {
    private final ControlPlane plane;
    private final Duration timeout;

    public EscalationApprovals(ControlPlane plane, Duration timeout) {
        this.plane = plane;
        this.timeout = timeout;
    }

    @Override
    public Decision approve(PlanSummary plan, ToolContext context) throws InterruptedException {
        ControlPlane.Escalated answer = plane.escalate("Apply Terraform plan " + plan.plan() + "? " + plan.describe(),
                Json.object().put("run_id", context.runId()).put("agent", context.agentName())
                        .put("how_to_answer", "resolve with {\"approved\": true} to apply, anything else to refuse")
                        .set("plan", plan.toJson()), "high", timeout);
        if (answer.status().equals("resolved") && answer.resolution() != null
                && answer.resolution().path("approved").asBoolean(false)) {
            return Decision.approve();
        }
        return Decision.deny(switch (answer.status()) {
            case "resolved" -> "the person did not approve it: " + answer.resolution();
            case "dismissed" -> "the person refused it: " + answer.dismissReason();
            default -> "nobody approved escalation " + answer.id() + " within " + timeout.toMinutes() + " min";
        });
    }
}
