package dev.agentplane.client;

import dev.agentplane.client.model.CreatedOrg;
import dev.agentplane.client.model.Limits;
import dev.agentplane.client.model.Org;
import dev.agentplane.client.model.OrgLimits;
import java.util.Map;

/** Organizations (tenants); for instance admins: {@code client.orgs()}. */
public final class Orgs {
    private final Transport transport;

    Orgs(Transport transport) {
        this.transport = transport;
    }

    /** A new organization and its first admin key (shown only in this answer). */
    @Operation("createOrg")
    public CreatedOrg create(String name) {
        return transport.send(Call.post("/v1/orgs").json(Map.of("name", name)), CreatedOrg.class);
    }

    @Operation("listOrgs")
    public Paged<Org> list() {
        return transport.paged(Call.get("/v1/orgs"), Org.class);
    }

    @Operation("getOrg")
    public Org get(String orgId) {
        return transport.send(Call.get(Call.path("v1", "orgs", orgId)), Org.class);
    }

    /** Its keys stop working; nothing is deleted. */
    @Operation("disableOrg")
    public Org disable(String orgId) {
        return transport.send(Call.post(Call.path("v1", "orgs", orgId, "disable")), Org.class);
    }

    @Operation("getOrgQuota")
    public Limits quota(String orgId) {
        return transport.send(Call.get(Call.path("v1", "orgs", orgId, "quota")), Limits.class);
    }

    @Operation("setOrgQuota")
    public Limits setQuota(String orgId, OrgLimits quota) {
        return transport.send(Call.put(Call.path("v1", "orgs", orgId, "quota")).json(quota), Limits.class);
    }
}
