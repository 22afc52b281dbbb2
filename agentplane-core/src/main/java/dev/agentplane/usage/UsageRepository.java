package dev.agentplane.usage;

import dev.agentplane.store.Row;
import dev.agentplane.store.Sql;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/** The SQL of usage_daily. Adding is an upsert, so concurrent writers of one org and day add up, never overwrite. */
final class UsageRepository {

    void add(Sql tx, String orgId, LocalDate day, UsageCounts delta) {
        tx.update("""
                INSERT INTO usage_daily (org_id, day, api_calls, executions_started, steps_run, tokens_in, tokens_out, cost_usd)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (org_id, day) DO UPDATE SET
                    api_calls = usage_daily.api_calls + excluded.api_calls,
                    executions_started = usage_daily.executions_started + excluded.executions_started,
                    steps_run = usage_daily.steps_run + excluded.steps_run,
                    tokens_in = usage_daily.tokens_in + excluded.tokens_in,
                    tokens_out = usage_daily.tokens_out + excluded.tokens_out,
                    cost_usd = usage_daily.cost_usd + excluded.cost_usd""",
                orgId, day.toString(), delta.apiCalls(), delta.executionsStarted(), delta.stepsRun(), delta.tokensIn(),
                delta.tokensOut(), delta.costUsd());
    }

    List<UsageDay> days(Sql sql, String orgId, LocalDate from, LocalDate to) {
        return sql.list("SELECT * FROM usage_daily WHERE org_id = ? AND day >= ? AND day <= ? ORDER BY day",
                row -> new UsageDay(LocalDate.parse(row.string("day")), counts(row)), orgId, from.toString(), to.toString());
    }

    /** The sum from {@code from} (included) to {@code until} (excluded). */
    UsageCounts sum(Sql sql, String orgId, LocalDate from, LocalDate until) {
        return sql.one("""
                SELECT COALESCE(SUM(api_calls), 0) AS api_calls, COALESCE(SUM(executions_started), 0) AS executions_started,
                       COALESCE(SUM(steps_run), 0) AS steps_run, COALESCE(SUM(tokens_in), 0) AS tokens_in,
                       COALESCE(SUM(tokens_out), 0) AS tokens_out, COALESCE(SUM(cost_usd), 0) AS cost_usd
                FROM usage_daily WHERE org_id = ? AND day >= ? AND day < ?""",
                UsageRepository::counts, orgId, from.toString(), until.toString()).orElse(UsageCounts.ZERO);
    }

    private static UsageCounts counts(Row row) throws SQLException {
        return new UsageCounts(row.longValue("api_calls"), row.longValue("executions_started"), row.longValue("steps_run"),
                row.longValue("tokens_in"), row.longValue("tokens_out"), row.doubleValue("cost_usd"));
    }
}
