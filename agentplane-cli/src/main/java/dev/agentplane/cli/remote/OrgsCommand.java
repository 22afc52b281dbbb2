package dev.agentplane.cli.remote;

import dev.agentplane.client.Operation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "orgs", description = "Organizations (instance administrators only).")
public final class OrgsCommand extends RemoteCommand {
    private static final Column[] COLUMNS = {Column.of("ID", "id"), Column.of("NAME", "name"), Column.of("STATUS", "status"),
            Column.of("INSTANCE ADMIN", "instance_admin"), Column.of("CREATED", "created_at")};

    @Operation("listOrgs")
    @Command(description = "Every organization.")
    int list(@Mixin PageOptions page) {
        var result = page.fetch(client().orgs().list());
        printer().rows(result.items(), result.nextCursor(), COLUMNS);
        return 0;
    }

    @Operation("createOrg")
    @Command(description = "Creates an organization and its first admin key (printed once).")
    int create(@Parameters(paramLabel = "NAME") String name) {
        printer().one(client().orgs().create(name));
        return 0;
    }

    @Operation("getOrg")
    @Command(description = "One organization.")
    int get(@Parameters(paramLabel = "ORG_ID") String id) {
        printer().one(client().orgs().get(id));
        return 0;
    }

    @Operation("disableOrg")
    @Command(description = "Disables an organization: its keys stop working.")
    int disable(@Parameters(paramLabel = "ORG_ID") String id) {
        printer().one(client().orgs().disable(id));
        return 0;
    }

    @Operation("getOrgQuota")
    @Command(description = "An organization's quota, its own limits and this month's use.")
    int quota(@Parameters(paramLabel = "ORG_ID") String id) {
        printer().one(client().orgs().quota(id));
        return 0;
    }

    @Operation("setOrgQuota")
    @Command(name = "set-quota", description = "Sets the ceiling an organization's own limits cannot exceed.")
    int setQuota(@Parameters(paramLabel = "ORG_ID") String id, @Mixin LimitFields limits) {
        printer().one(client().orgs().setQuota(id, limits.toLimits()));
        return 0;
    }
}
