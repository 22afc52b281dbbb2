package dev.agentplane.client;

import dev.agentplane.client.model.OrgLimits;

/** The organization's own monthly limits (within the quota an instance admin set): {@code client.limits()}. */
public final class Limits {
    private final Transport transport;

    Limits(Transport transport) {
        this.transport = transport;
    }

    @Operation("getLimits")
    public dev.agentplane.client.model.Limits get() {
        return transport.send(Call.get("/v1/limits"), dev.agentplane.client.model.Limits.class);
    }

    /** Replaces the limits; null fields mean no limit of the organization's own. */
    @Operation("setLimits")
    public dev.agentplane.client.model.Limits set(OrgLimits limits) {
        return transport.send(Call.put("/v1/limits").json(limits), dev.agentplane.client.model.Limits.class);
    }
}
