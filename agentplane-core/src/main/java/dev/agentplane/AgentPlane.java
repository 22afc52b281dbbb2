package dev.agentplane;

import dev.agentplane.agents.AgentService;
import dev.agentplane.audit.AuditLog;
import dev.agentplane.store.Database;
import dev.agentplane.tenancy.KeyService;
import java.time.Clock;

/** Every service of AgentPlane, wired once over one database and one clock. */
public record AgentPlane(Database database, Clock clock, AuditLog audit, KeyService keys, AgentService agents) {

    public static AgentPlane create(Database database, Clock clock) {
        AuditLog audit = new AuditLog(database, clock);
        return new AgentPlane(database, clock, audit,
                new KeyService(database, audit, clock),
                new AgentService(database, audit, clock));
    }
}
