package dev.agentplane.tenancy;

import dev.agentplane.audit.AuditLog;
import dev.agentplane.common.Ids;
import dev.agentplane.common.Json;
import dev.agentplane.common.Page;
import dev.agentplane.common.PageRequest;
import dev.agentplane.common.problems.ConflictException;
import dev.agentplane.common.problems.NotFoundException;
import dev.agentplane.common.problems.ProblemException;
import dev.agentplane.store.Database;
import dev.agentplane.store.Sql;
import java.time.Clock;
import java.time.Instant;

/**
 * Organizations, managed by admin keys of the instance admin org (the org the first start created). To anyone
 * else the collection is forbidden and every org id is unknown, so no caller learns which orgs exist.
 */
public final class OrgService {
    private final Database database;
    private final AuditLog audit;
    private final Clock clock;
    private final KeyService keys;
    private final OrgRepository orgs = new OrgRepository();

    public OrgService(Database database, AuditLog audit, Clock clock, KeyService keys) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
        this.keys = keys;
    }

    public CreatedOrg create(Actor actor, NewOrg request) {
        requireInstanceAdmin(actor);
        request.validate();
        Instant now = Instant.ofEpochMilli(clock.millis());
        Org org = new Org(Ids.newId(), request.name(), Org.ACTIVE, false, now, null);
        return database.inTransaction(tx -> {
            try {
                orgs.insert(tx, org.id(), org.name(), false, now.toEpochMilli());
            } catch (Sql.UniqueViolation e) {
                throw new ConflictException("an organization named '" + request.name() + "' already exists; choose another name");
            }
            CreatedApiKey adminKey = keys.createFirstAdminKey(tx, org.id(), now);
            audit.record(tx, actor, "org.create", "org", org.id(), Json.object().put("name", org.name()));
            return new CreatedOrg(org, adminKey);
        });
    }

    public Page<Org> list(Actor actor, PageRequest page) {
        requireInstanceAdmin(actor);
        return database.read(sql -> orgs.list(sql, page));
    }

    public Org get(Actor actor, String orgId) {
        return database.read(sql -> {
            if (!isInstanceAdmin(sql, actor)) {
                throw new NotFoundException("org", orgId);
            }
            return orgs.find(sql, orgId).orElseThrow(() -> new NotFoundException("org", orgId));
        });
    }

    /** Disables an org: its keys stop working at once (disabling a disabled org changes nothing). */
    public Org disable(Actor actor, String orgId) {
        Org disabled = database.inTransaction(tx -> {
            if (!isInstanceAdmin(tx, actor)) {
                throw new NotFoundException("org", orgId);
            }
            Org current = orgs.findForUpdate(tx, orgId).orElseThrow(() -> new NotFoundException("org", orgId));
            if (current.instanceAdmin()) {
                throw new ConflictException("cannot disable org '" + orgId + "': it is the instance admin org, "
                        + "whose keys manage every other org");
            }
            if (Org.DISABLED.equals(current.status())) {
                return current;
            }
            orgs.disable(tx, orgId, clock.millis());
            audit.record(tx, actor, "org.disable", "org", orgId, Json.object().put("name", current.name()));
            return orgs.find(tx, orgId).orElseThrow();
        });
        keys.forgetOrg(orgId);
        return disabled;
    }

    /** In the caller's transaction: whether the organization exists and is not disabled (work the server starts by itself checks). */
    public boolean isActive(Sql sql, String orgId) {
        return orgs.statusOf(sql, orgId).filter(Org.ACTIVE::equals).isPresent();
    }

    private void requireInstanceAdmin(Actor actor) {
        if (!database.read(sql -> isInstanceAdmin(sql, actor))) {
            throw new ProblemException(403, "forbidden", "Forbidden",
                    "only an admin key of the instance admin organization manages organizations");
        }
    }

    private boolean isInstanceAdmin(Sql sql, Actor actor) {
        return actor.role() == Role.ADMIN && orgs.isActiveInstanceAdmin(sql, actor.orgId());
    }
}
