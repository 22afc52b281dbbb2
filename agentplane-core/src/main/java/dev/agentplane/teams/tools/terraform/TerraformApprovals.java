package dev.agentplane.teams.tools.terraform;

import dev.agentplane.teams.tools.ToolContext;

/**
 * Who approves applying a saved plan when the team does not allow auto-approve: typically a human asked through
 * an escalation of the control plane, the call waiting for the answer. The summary is read from the plan file
 * itself right before applying, so it says what will really change.
 */
@FunctionalInterface
public interface TerraformApprovals {
    Decision approve(PlanSummary plan, ToolContext context) throws InterruptedException;

    /** Approved or not, and why not (shown to the model, so it can tell the user what to do). */
    record Decision(boolean approved, String reason) {
        public static Decision approve() {
            return new Decision(true, "approved");
        }

        public static Decision deny(String reason) {
            return new Decision(false, reason);
        }
    }

    /** The default: nobody to ask, so every apply that needs an approval is refused, saying how to allow it. */
    static TerraformApprovals none() {
        return (plan, context) -> Decision.deny("no approver is configured for this run, so a plan cannot be "
                + "applied without a human's approval; a person can apply it with `terraform apply " + plan.plan()
                + "`, or the team can set tools.terraform.auto_approve: true");
    }
}
