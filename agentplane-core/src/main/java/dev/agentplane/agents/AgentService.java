package dev.agentplane.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.audit.AuditLog;
import dev.agentplane.common.Filters;
import dev.agentplane.common.Ids;
import dev.agentplane.common.Json;
import dev.agentplane.common.JsonInput;
import dev.agentplane.common.Page;
import dev.agentplane.common.PageRequest;
import dev.agentplane.common.Times;
import dev.agentplane.common.problems.ConflictException;
import dev.agentplane.common.problems.ForbiddenException;
import dev.agentplane.common.problems.NotFoundException;
import dev.agentplane.store.Database;
import dev.agentplane.store.Sql;
import dev.agentplane.tenancy.Actor;
import dev.agentplane.tenancy.Role;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The agent registry: who the workers are, what they can do, and when they were last seen. */
public final class AgentService {
    public static final List<String> STATUSES = List.of(Agent.ACTIVE, Agent.INACTIVE);

    private final Database database;
    private final AuditLog audit;
    private final Clock clock;
    private final AgentRepository agents = new AgentRepository();

    public AgentService(Database database, AuditLog audit, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
    }

    public Agent register(Actor actor, AgentFields fields) {
        fields.validate();
        Instant now = Times.now(clock);
        Agent agent = new Agent(Ids.newId(), fields.name(), fields.framework(), fields.description(),
                fields.capabilities(), configOf(fields), Agent.ACTIVE, null, now, now);
        return database.inTransaction(tx -> {
            try {
                agents.insert(tx, actor.orgId(), agent);
            } catch (Sql.UniqueViolation e) {
                throw nameTaken(fields.name());
            }
            audit.record(tx, actor, "agent.create", "agent", agent.id(), fields);
            return agent;
        });
    }

    public Agent get(Actor actor, String id) {
        return database.read(sql -> agents.find(sql, actor.orgId(), id)).orElseThrow(() -> new NotFoundException("agent", id));
    }

    public Page<Agent> list(Actor actor, AgentFilter filter, PageRequest page) {
        Filters.oneOf("status", filter.status(), STATUSES);
        return database.read(sql -> agents.list(sql, actor.orgId(), filter, page));
    }

    /** Applies the fields present in {@code patch} (a JSON merge of the registration fields). */
    public Agent update(Actor actor, String id, ObjectNode patch) {
        return database.inTransaction(tx -> {
            requireSelfIfAgent(tx, actor, id);
            Agent current = agents.findForUpdate(tx, actor.orgId(), id).orElseThrow(() -> new NotFoundException("agent", id));
            ObjectNode merged = Json.MAPPER.valueToTree(new AgentFields(current.name(), current.framework(),
                    current.description(), current.capabilities(), current.config()));
            merged.setAll(patch);
            AgentFields fields = JsonInput.bind(merged, AgentFields.class);
            fields.validate();
            Agent updated = new Agent(id, fields.name(), fields.framework(), fields.description(), fields.capabilities(),
                    configOf(fields), current.status(), current.lastSeen(), current.createdAt(), Times.now(clock));
            try {
                agents.updateFields(tx, actor.orgId(), updated);
            } catch (Sql.UniqueViolation e) {
                throw nameTaken(fields.name());
            }
            audit.record(tx, actor, "agent.update", "agent", id, patch);
            return updated;
        });
    }

    public Agent heartbeat(Actor actor, String id) {
        return database.inTransaction(tx -> {
            requireSelfIfAgent(tx, actor, id);
            Agent beat = agents.heartbeat(tx, actor.orgId(), id, Times.now(clock))
                    .orElseThrow(() -> new NotFoundException("agent", id));
            audit.record(tx, actor, "agent.heartbeat", "agent", id, null);
            return beat;
        });
    }

    /** A key with the agent role acts only as its bound agent (another org's agent stays a plain 404). */
    private void requireSelfIfAgent(Sql tx, Actor actor, String id) {
        if (actor.role() == Role.AGENT && !id.equals(actor.agentId())) {
            agents.find(tx, actor.orgId(), id).orElseThrow(() -> new NotFoundException("agent", id));
            throw new ForbiddenException("a key with role 'agent' acts only as its own agent (" + actor.agentId()
                    + "); use that agent's id, or a developer key");
        }
    }

    public Agent deactivate(Actor actor, String id) {
        return database.inTransaction(tx -> {
            Agent inactive = agents.deactivate(tx, actor.orgId(), id, Times.now(clock))
                    .orElseThrow(() -> new NotFoundException("agent", id));
            audit.record(tx, actor, "agent.deactivate", "agent", id, null);
            return inactive;
        });
    }

    /**
     * In the caller's transaction: 404 at {@code pointer} when {@code agentId} names no agent of the organization.
     * An absent reference (null) is not checked.
     */
    public void requireAgent(Sql tx, Actor actor, String pointer, String agentId) {
        if (agentId != null && !agents.exists(tx, actor.orgId(), agentId)) {
            throw NotFoundException.referenced(pointer, "agent", agentId);
        }
    }

    /** In the caller's transaction: whether agent {@code agentId} of the organization lists {@code capability}. */
    public boolean hasCapability(Sql tx, Actor actor, String agentId, String capability) {
        return agents.hasCapability(tx, actor.orgId(), agentId, capability);
    }

    private static JsonNode configOf(AgentFields fields) {
        return fields.config() == null || fields.config().isNull() ? Json.object() : fields.config();
    }

    private static ConflictException nameTaken(String name) {
        return new ConflictException("an agent named '" + name + "' already exists in this organization; "
                + "choose another name or update the existing agent");
    }
}
