package dev.agentplane.usage;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.store.Row;
import dev.agentplane.store.Sql;
import java.sql.SQLException;
import java.util.Map;

/** The SQL of org_limits: one row per org and layer ({@link #ORG} or {@link #QUOTA}). */
final class OrgLimitsRepository {
    static final String ORG = "org";
    static final String QUOTA = "quota";
    private static final TypeReference<Map<String, Integer>> RATES = new TypeReference<>() {};

    /** An org's own limits and its quota (each {@link OrgLimits#NONE} when not set), read in one statement. */
    record Layers(OrgLimits own, OrgLimits quota) {
        OrgLimits effective() {
            return own.lowerOf(quota);
        }
    }

    Layers both(Sql sql, String orgId) {
        OrgLimits own = OrgLimits.NONE;
        OrgLimits quota = OrgLimits.NONE;
        for (Map.Entry<String, OrgLimits> layer : sql.list("SELECT * FROM org_limits WHERE org_id = ? AND layer IN (?, ?)",
                row -> Map.entry(row.string("layer"), map(row)), orgId, ORG, QUOTA)) {
            if (layer.getKey().equals(ORG)) {
                own = layer.getValue();
            } else {
                quota = layer.getValue();
            }
        }
        return new Layers(own, quota);
    }

    void put(Sql tx, String orgId, String layer, OrgLimits limits, long now) {
        tx.update("""
                INSERT INTO org_limits (org_id, layer, monthly_executions, monthly_tokens, monthly_cost_usd, rate_limits, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (org_id, layer) DO UPDATE SET
                    monthly_executions = excluded.monthly_executions, monthly_tokens = excluded.monthly_tokens,
                    monthly_cost_usd = excluded.monthly_cost_usd, rate_limits = excluded.rate_limits,
                    updated_at = excluded.updated_at""",
                orgId, layer, limits.monthlyExecutions(), limits.monthlyTokens(), limits.monthlyCostUsd(),
                Sql.json(limits.rateLimitsPerMinute()), now);
    }

    private static OrgLimits map(Row row) throws SQLException {
        JsonNode rates = row.json("rate_limits");
        return new OrgLimits(row.nullableLong("monthly_executions"), row.nullableLong("monthly_tokens"),
                row.nullableDouble("monthly_cost_usd"), Json.MAPPER.convertValue(rates, RATES));
    }
}
