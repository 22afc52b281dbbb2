package dev.agentplane.testing;

import dev.agentplane.common.Ids;
import dev.agentplane.store.Database;
import dev.agentplane.tenancy.Actor;
import dev.agentplane.tenancy.Role;

/** Fresh organizations for tests: each test works in its own tenant, so tests never see each other's rows. */
public final class TestOrgs {
    private TestOrgs() {}

    /** Creates an org and returns an admin actor of it (no key: services trust the actor they are given). */
    public static Actor create(Database database) {
        String orgId = Ids.newId();
        database.inTransaction(tx -> tx.update("INSERT INTO orgs (id, name, status, created_at) VALUES (?, ?, 'active', ?)",
                orgId, "test-" + orgId, System.currentTimeMillis()));
        return new Actor(orgId, null, null, Role.ADMIN, "test-request");
    }
}
