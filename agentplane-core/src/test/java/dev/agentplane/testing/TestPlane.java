package dev.agentplane.testing;

import dev.agentplane.AgentPlane;
import dev.agentplane.store.Database;
import dev.agentplane.tenancy.Actor;

/** What a store or service test gets: the services on one database, its clock, and an org of its own. */
public record TestPlane(DatabaseKind kind, AgentPlane plane, MutableClock clock, Actor actor) {
    public Database database() {
        return plane.database();
    }

    /** Another organization on the same database, to prove tenants cannot see each other. */
    public Actor otherOrg() {
        return TestOrgs.create(plane.database());
    }
}
