package dev.agentplane.agents;

import dev.agentplane.common.Json;
import dev.agentplane.common.Page;
import dev.agentplane.common.PageRequest;
import dev.agentplane.store.Row;
import dev.agentplane.store.Sql;
import dev.agentplane.store.Where;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The SQL of agents; every statement is confined to one organization. */
final class AgentRepository {

    void insert(Sql tx, String orgId, Agent agent) {
        tx.update("""
                INSERT INTO agents (id, org_id, name, framework, description, capabilities, config, status,
                                    last_seen, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                agent.id(), orgId, agent.name(), agent.framework(), agent.description(),
                Sql.json(agent.capabilities()), Sql.json(agent.config()), agent.status(), null,
                agent.createdAt().toEpochMilli(), agent.updatedAt().toEpochMilli());
    }

    /** Writes the fields a caller sets; status and last_seen are left to their own targeted updates. */
    void updateFields(Sql tx, String orgId, Agent agent) {
        tx.update("""
                UPDATE agents SET name = ?, framework = ?, description = ?, capabilities = ?, config = ?, updated_at = ?
                WHERE org_id = ? AND id = ?""",
                agent.name(), agent.framework(), agent.description(), Sql.json(agent.capabilities()),
                Sql.json(agent.config()), agent.updatedAt().toEpochMilli(), orgId, agent.id());
    }

    Optional<Agent> heartbeat(Sql tx, String orgId, String id, Instant now) {
        return tx.one("UPDATE agents SET last_seen = ?, updated_at = ? WHERE org_id = ? AND id = ? RETURNING *",
                AgentRepository::map, now.toEpochMilli(), now.toEpochMilli(), orgId, id);
    }

    Optional<Agent> deactivate(Sql tx, String orgId, String id, Instant now) {
        return tx.one("UPDATE agents SET status = ?, updated_at = ? WHERE org_id = ? AND id = ? RETURNING *",
                AgentRepository::map, Agent.INACTIVE, now.toEpochMilli(), orgId, id);
    }

    Optional<Agent> find(Sql sql, String orgId, String id) {
        return sql.one("SELECT * FROM agents WHERE org_id = ? AND id = ?", AgentRepository::map, orgId, id);
    }

    /** The agent, locked until the transaction ends so a read-modify-write loses no concurrent change. */
    Optional<Agent> findForUpdate(Sql tx, String orgId, String id) {
        return tx.one("SELECT * FROM agents WHERE org_id = ? AND id = ?" + tx.dialect().forUpdate(),
                AgentRepository::map, orgId, id);
    }

    boolean exists(Sql sql, String orgId, String id) {
        return sql.count("SELECT COUNT(*) AS n FROM agents WHERE org_id = ? AND id = ?", orgId, id) > 0;
    }

    boolean hasCapability(Sql sql, String orgId, String id, String capability) {
        return sql.count("SELECT COUNT(*) AS n FROM agents WHERE org_id = ? AND id = ? AND "
                + sql.dialect().jsonArrayContains("capabilities"), orgId, id, capability) > 0;
    }

    Page<Agent> list(Sql sql, String orgId, AgentFilter filter, PageRequest page) {
        Where where = new Where()
                .and("org_id = ?", orgId)
                .and("status = ?", filter.status())
                .and("framework = ?", filter.framework())
                .and(sql.dialect().jsonArrayContains("capabilities"), filter.capability())
                .and("id < ?", page.after());
        List<Agent> rows = sql.list("SELECT * FROM agents" + where.sql() + " ORDER BY id DESC LIMIT ?",
                AgentRepository::map, where.params(page.fetchSize()));
        return Page.of(rows, page.limit(), Agent::id);
    }

    private static Agent map(Row row) throws SQLException {
        List<String> capabilities = Json.MAPPER.convertValue(row.json("capabilities"),
                Json.MAPPER.getTypeFactory().constructCollectionType(List.class, String.class));
        return new Agent(row.string("id"), row.string("name"), row.string("framework"), row.string("description"),
                capabilities, row.json("config"), row.string("status"), row.instant("last_seen"),
                row.instant("created_at"), row.instant("updated_at"));
    }
}
