package dev.agentplane.cli.teamrun;

import dev.agentplane.teams.tools.ToolContext;
import dev.agentplane.teams.tools.terraform.PlanSummary;
import dev.agentplane.teams.tools.terraform.TerraformApprovals;
import java.io.Console;
import java.util.Locale;

/**
 * Terraform applies approved by the person at the terminal (a y/N question showing what the plan changes); without
 * a terminal nobody can answer, so every apply that needs an approval is refused with what to do instead.
 */
final class ConsoleApprovals implements TerraformApprovals {
    private final Console console;

    private ConsoleApprovals(Console console) {
        this.console = console;
    }

    static TerraformApprovals forThisProcess() {
        Console console = System.console();
        return console != null ? new ConsoleApprovals(console) : (plan, context) -> Decision.deny("nobody can approve "
                + "the apply of " + plan.plan() + " here (no terminal): set tools.terraform.auto_approve: true for unattended "
                + "runs, or run the team as an agent step on a server, where a person approves through an escalation");
    }

    @Override
    public synchronized Decision approve(PlanSummary plan, ToolContext context) {
        console.printf("%n%s wants to apply %s:%n%s%nApply it? [y/N] ", context.agentName() == null ? "An agent"
                : context.agentName(), plan.plan(), plan.describe());
        String answer = console.readLine();
        boolean yes = answer != null && answer.strip().toLowerCase(Locale.ROOT).matches("y|yes");
        return yes ? Decision.approve() : Decision.deny("the person at the terminal did not approve it");
    }
}
