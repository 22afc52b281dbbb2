package dev.agentplane.schedules;

import dev.agentplane.common.Page;
import dev.agentplane.common.PageRequest;
import dev.agentplane.store.Row;
import dev.agentplane.store.Sql;
import dev.agentplane.store.Where;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of schedules and their fires. Every statement is confined to one organization, except the claim of due
 * schedules, which the fire loop of every node makes across organizations.
 */
final class ScheduleRepository {

    /** A due schedule, locked by the claiming transaction, with the organization it belongs to. */
    record Due(String orgId, Schedule schedule) {}

    void insert(Sql tx, String orgId, Schedule s) {
        tx.update("""
                INSERT INTO schedules (id, org_id, name, workflow, workflow_version, cron, timezone, input, misfire, paused,
                                       managed_by, next_fire_at, last_fire_at, last_execution_id, last_error,
                                       created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                s.id(), orgId, s.name(), s.workflow(), s.version(), s.cron(), s.timezone(), Sql.json(s.input()),
                s.misfire(), s.paused(), s.managedBy(), millis(s.nextFireAt()), millis(s.lastFireAt()),
                s.lastExecutionId(), s.lastError(), s.createdAt().toEpochMilli(), s.updatedAt().toEpochMilli());
    }

    /** Writes what a caller sets, the pause flag and the next fire time; the record of past fires stays. */
    void update(Sql tx, String orgId, Schedule s) {
        tx.update("""
                UPDATE schedules SET name = ?, workflow = ?, workflow_version = ?, cron = ?, timezone = ?, input = ?,
                                     misfire = ?, paused = ?, next_fire_at = ?, updated_at = ?
                WHERE org_id = ? AND id = ?""",
                s.name(), s.workflow(), s.version(), s.cron(), s.timezone(), Sql.json(s.input()), s.misfire(),
                s.paused(), millis(s.nextFireAt()), s.updatedAt().toEpochMilli(), orgId, s.id());
    }

    boolean delete(Sql tx, String orgId, String id) {
        return tx.update("DELETE FROM schedules WHERE org_id = ? AND id = ?", orgId, id) == 1;
    }

    Optional<Schedule> find(Sql sql, String orgId, String id) {
        return sql.one("SELECT * FROM schedules WHERE org_id = ? AND id = ?", ScheduleRepository::map, orgId, id);
    }

    /** The schedule, locked until the transaction ends (no fire or other change in between). */
    Optional<Schedule> findForUpdate(Sql tx, String orgId, String id) {
        return tx.one("SELECT * FROM schedules WHERE org_id = ? AND id = ?" + tx.dialect().forUpdate(),
                ScheduleRepository::map, orgId, id);
    }

    Optional<Schedule> findByNameForUpdate(Sql tx, String orgId, String name) {
        return tx.one("SELECT * FROM schedules WHERE org_id = ? AND name = ?" + tx.dialect().forUpdate(),
                ScheduleRepository::map, orgId, name);
    }

    Page<Schedule> list(Sql sql, String orgId, ScheduleFilter filter, PageRequest page) {
        Where where = new Where()
                .and("org_id = ?", orgId)
                .and("workflow = ?", filter.workflow())
                .and("paused = ?", filter.paused())
                .and("id < ?", page.after());
        List<Schedule> rows = sql.list("SELECT * FROM schedules" + where.sql() + " ORDER BY id DESC LIMIT ?",
                ScheduleRepository::map, where.params(page.fetchSize()));
        return Page.of(rows, page.limit(), Schedule::id);
    }

    /**
     * Locks the schedule due the longest (its next fire time at or before {@code now}); on PostgreSQL, schedules
     * another node is firing are skipped rather than waited for.
     */
    Optional<Due> claimDue(Sql tx, Instant now) {
        return tx.one("SELECT * FROM schedules WHERE next_fire_at <= ? ORDER BY next_fire_at LIMIT 1"
                        + tx.dialect().skipLocked(),
                row -> new Due(row.string("org_id"), map(row)), now.toEpochMilli());
    }

    /** Whether any schedule is due, read without locking (an idle loop takes no write transaction). */
    boolean anyDue(Sql sql, Instant now) {
        return sql.count("SELECT COUNT(*) AS n FROM (SELECT 1 FROM schedules WHERE next_fire_at <= ? LIMIT 1) due",
                now.toEpochMilli()) > 0;
    }

    /** Locks a schedule if its next fire time is still {@code fireAt} (for recording a fire that failed). */
    Optional<Schedule> findDueAt(Sql tx, String orgId, String id, Instant fireAt) {
        return tx.one("SELECT * FROM schedules WHERE org_id = ? AND id = ? AND next_fire_at = ?" + tx.dialect().forUpdate(),
                ScheduleRepository::map, orgId, id, fireAt.toEpochMilli());
    }

    /**
     * Moves a fired schedule on to {@code next} and records how the fire went; false when its next fire time is no
     * longer {@code fireAt} (someone else fired or changed it), which the caller must treat as losing the race.
     */
    boolean advance(Sql tx, String orgId, String id, Instant fireAt, Instant next, String executionId, String error,
                    Instant now) {
        return tx.update("""
                UPDATE schedules SET next_fire_at = ?, last_fire_at = ?, last_execution_id = COALESCE(?, last_execution_id),
                                     last_error = ?
                WHERE org_id = ? AND id = ? AND next_fire_at = ?""",
                millis(next), fireAt.toEpochMilli(), executionId, error, orgId, id, fireAt.toEpochMilli()) == 1;
    }

    /** Inserts the fire unless this schedule already has one at that time; true when this call inserted it. */
    boolean insertFire(Sql tx, String orgId, ScheduleFire fire) {
        return tx.update("""
                INSERT INTO schedule_fires (id, org_id, schedule_id, fire_at, fired_at, status, execution_id, reason, error)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (schedule_id, fire_at) DO NOTHING""",
                fire.id(), orgId, fire.scheduleId(), fire.fireAt().toEpochMilli(), fire.firedAt().toEpochMilli(),
                fire.status(), fire.executionId(), fire.reason(), fire.error()) == 1;
    }

    void finishFire(Sql tx, String orgId, ScheduleFire fire) {
        tx.update("UPDATE schedule_fires SET status = ?, execution_id = ?, reason = ?, error = ? WHERE org_id = ? AND id = ?",
                fire.status(), fire.executionId(), fire.reason(), fire.error(), orgId, fire.id());
    }

    /** Newest first. */
    Page<ScheduleFire> fires(Sql sql, String orgId, String scheduleId, PageRequest page) {
        Where where = new Where().and("org_id = ?", orgId).and("schedule_id = ?", scheduleId).and("id < ?", page.after());
        List<ScheduleFire> rows = sql.list("SELECT * FROM schedule_fires" + where.sql() + " ORDER BY id DESC LIMIT ?",
                ScheduleRepository::mapFire, where.params(page.fetchSize()));
        return Page.of(rows, page.limit(), ScheduleFire::id);
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static Schedule map(Row row) throws SQLException {
        Long version = row.nullableLong("workflow_version");
        return new Schedule(row.string("id"), row.string("name"), row.string("workflow"),
                version == null ? null : version.intValue(), row.string("cron"), row.string("timezone"),
                row.json("input"), row.string("misfire"), row.bool("paused"), row.string("managed_by"),
                row.instant("next_fire_at"), row.instant("last_fire_at"), row.string("last_execution_id"),
                row.string("last_error"), row.instant("created_at"), row.instant("updated_at"));
    }

    private static ScheduleFire mapFire(Row row) throws SQLException {
        return new ScheduleFire(row.string("id"), row.string("schedule_id"), row.instant("fire_at"),
                row.instant("fired_at"), row.string("status"), row.string("execution_id"), row.string("reason"),
                row.string("error"));
    }
}
