package dev.agentplane.workflows;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.agentplane.common.Json;
import dev.agentplane.store.Sql;
import java.util.List;
import java.util.Optional;

/** The SQL of rollouts: one row per org and workflow name. */
final class RolloutRepository {
    private static final TypeReference<List<Rollout.Share>> SHARES = new TypeReference<>() {};

    Optional<Rollout> find(Sql sql, String orgId, String workflow) {
        return sql.one("SELECT * FROM rollouts WHERE org_id = ? AND workflow_name = ?",
                row -> new Rollout(row.string("workflow_name"), Json.MAPPER.convertValue(row.json("versions"), SHARES),
                        row.instant("updated_at")), orgId, workflow);
    }

    void put(Sql tx, String orgId, Rollout rollout) {
        tx.update("""
                INSERT INTO rollouts (org_id, workflow_name, versions, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (org_id, workflow_name) DO UPDATE SET versions = excluded.versions, updated_at = excluded.updated_at""",
                orgId, rollout.workflow(), Sql.json(rollout.versions()), rollout.updatedAt().toEpochMilli());
    }

    boolean delete(Sql tx, String orgId, String workflow) {
        return tx.update("DELETE FROM rollouts WHERE org_id = ? AND workflow_name = ?", orgId, workflow) == 1;
    }
}
