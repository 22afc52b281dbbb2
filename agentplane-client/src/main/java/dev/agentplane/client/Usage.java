package dev.agentplane.client;

import dev.agentplane.client.model.UsageReport;
import java.time.LocalDate;

/** What the organization used, per day: {@code client.usage()}. */
public final class Usage {
    private final Transport transport;

    Usage(Transport transport) {
        this.transport = transport;
    }

    /** This month so far. */
    public UsageReport get() {
        return get(null, null);
    }

    /** From {@code from} to {@code to} (UTC days, both included); null for the server's default. */
    @Operation("getUsage")
    public UsageReport get(LocalDate from, LocalDate to) {
        return transport.send(Call.get("/v1/usage").query(Query.of("from", from, "to", to)), UsageReport.class);
    }
}
