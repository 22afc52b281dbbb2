package dev.agentplane.client;

import dev.agentplane.client.model.AuditEntry;
import dev.agentplane.client.model.AuditVerification;

/** The append-only, hash-chained audit log: {@code client.audit()}. */
public final class Audit {
    private final Transport transport;

    Audit(Transport transport) {
        this.transport = transport;
    }

    public Paged<AuditEntry> list() {
        return list(Query.NONE);
    }

    /**
     * Filters: {@code actor_key_id}, {@code actor_agent_id}, {@code action}, {@code resource_type},
     * {@code resource_id}, {@code from}, {@code to}; and {@code limit}, {@code cursor}.
     */
    @Operation("listAuditEntries")
    public Paged<AuditEntry> list(Query query) {
        return transport.paged(Call.get("/v1/audit").query(query), AuditEntry.class);
    }

    /** Recomputes the organization's hash chain and says whether (and where) it is broken. */
    @Operation("verifyAuditChain")
    public AuditVerification verify() {
        return transport.send(Call.get("/v1/audit/verify"), AuditVerification.class);
    }
}
