package dev.agentplane.cli.remote;

import dev.agentplane.client.Operation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "limits", description = "The organization's monthly limits and rate limits, and this month's use.")
public final class LimitsCommand extends RemoteCommand {

    @Operation("getLimits")
    @Command(description = "Limits, quota, what is in effect, and this month's use.")
    int get() {
        printer().one(client().limits().get());
        return 0;
    }

    @Operation("setLimits")
    @Command(description = "Sets the organization's own limits (within its quota).")
    int set(@Mixin LimitFields limits) {
        printer().one(client().limits().set(limits.toLimits()));
        return 0;
    }
}
