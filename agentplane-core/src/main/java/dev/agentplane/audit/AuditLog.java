package dev.agentplane.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Ids;
import dev.agentplane.common.Json;
import dev.agentplane.common.Page;
import dev.agentplane.common.PageRequest;
import dev.agentplane.store.Database;
import dev.agentplane.store.Row;
import dev.agentplane.store.Sql;
import dev.agentplane.store.Where;
import dev.agentplane.tenancy.Actor;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The append-only record of every change. {@link #record} takes the caller's transaction, so an audit row
 * exists exactly when the change it describes was committed. Each org's rows form a hash chain (see
 * {@link AuditChain}), linked after commit by {@link #chainPending} in batches, under a lock on the org's chain
 * head: taking that lock in every request's transaction made all writes of an org wait on one row until
 * commit (on PostgreSQL, PUT throughput fell fourfold). A row is chained within moments of its commit (the
 * server runs {@link AuditChainer}), and {@link #verify} chains whatever is committed before it checks.
 */
public final class AuditLog {
    static final int MAX_VALUE_CHARS = 4096;

    private final Database database;
    private final Clock clock;

    private static final int VERIFY_PAGE = 500;
    /**
     * Creates the org's chain head on its first change, and otherwise locks it (a no-op update): a concurrent
     * change of the same org waits here until this transaction ends, then reads the head this one left.
     */
    private static final String LOCK_HEAD = """
            INSERT INTO audit_heads (org_id, last_seq, last_id, last_hash) VALUES (?, 0, NULL, ?)
            ON CONFLICT (org_id) DO UPDATE SET last_seq = audit_heads.last_seq
            RETURNING last_seq, last_id, last_hash""";
    private static final String ADVANCE_HEAD = "UPDATE audit_heads SET last_seq = ?, last_id = ?, last_hash = ? WHERE org_id = ?";
    private static final String INSERT_ROW = """
            INSERT INTO audit_log (id, org_id, actor_key_id, actor_agent_id, action, resource_type, resource_id,
                                   details, request_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    static final int CHAIN_BATCH = 500;

    public AuditLog(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public void record(Sql tx, Actor actor, String action, String resourceType, String resourceId, Object details) {
        JsonNode detailNode = compact(Redactor.redact(details == null ? Json.object() : Json.MAPPER.valueToTree(details)));
        tx.update(INSERT_ROW, Ids.newId(), actor.orgId(), actor.keyId(), actor.agentId(), action, resourceType,
                resourceId, Sql.json(detailNode), actor.requestId(), clock.millis());
    }

    /** Links every committed, unchained row into its org's chain; returns how many it linked. */
    public int chainPending() {
        List<String> orgs = database.read(sql -> sql.list(
                "SELECT DISTINCT org_id FROM audit_log WHERE chain_seq IS NULL", row -> row.string("org_id")));
        int linked = 0;
        for (String orgId : orgs) {
            int batch;
            do {
                batch = database.inTransaction(tx -> chainBatch(tx, orgId));
                linked += batch;
            } while (batch == CHAIN_BATCH);
        }
        return linked;
    }

    /** Under the org's head lock, links its oldest unchained rows after the head, in id order. */
    private static int chainBatch(Sql tx, String orgId) {
        Head head = tx.one(LOCK_HEAD, AuditLog::head, orgId, AuditChain.GENESIS).orElseThrow();
        List<AuditChain.Content> pending = tx.list(
                "SELECT * FROM audit_log WHERE org_id = ? AND chain_seq IS NULL ORDER BY id LIMIT ?",
                AuditLog::unchained, orgId, CHAIN_BATCH);
        long seq = head.seq();
        String prevHash = head.hash();
        String lastId = head.lastId();
        for (AuditChain.Content row : pending) {
            seq++;
            AuditChain.Content linked = row.linkedAt(seq, prevHash);
            String hash = AuditChain.hash(linked);
            tx.update("UPDATE audit_log SET chain_seq = ?, prev_hash = ?, hash = ? WHERE id = ? AND chain_seq IS NULL",
                    seq, prevHash, hash, row.id());
            prevHash = hash;
            lastId = row.id();
        }
        if (!pending.isEmpty()) {
            tx.update(ADVANCE_HEAD, seq, lastId, prevHash, orgId);
        }
        return pending.size();
    }

    /** Large values (a handoff's whole context, say) are summarized by size: the log says what changed, not all of it. */
    static JsonNode compact(JsonNode details) {
        if (details instanceof ObjectNode object) {
            object.fields().forEachRemaining(field -> {
                int size = Json.write(field.getValue()).length();
                if (size > MAX_VALUE_CHARS) {
                    field.setValue(Json.object().put("omitted_chars", size));
                }
            });
        }
        return details;
    }

    public Page<AuditEntry> list(Actor actor, AuditFilter filter, PageRequest page) {
        Where where = new Where()
                .and("org_id = ?", actor.orgId())
                .and("actor_key_id = ?", filter.actorKeyId())
                .and("actor_agent_id = ?", filter.actorAgentId())
                .and("action = ?", filter.action())
                .and("resource_type = ?", filter.resourceType())
                .and("resource_id = ?", filter.resourceId())
                .and("created_at >= ?", filter.from() == null ? null : filter.from().toEpochMilli())
                .and("created_at < ?", filter.to() == null ? null : filter.to().toEpochMilli())
                .and("id < ?", page.after());
        return database.read(sql -> Page.of(
                sql.list("SELECT * FROM audit_log" + where.sql() + " ORDER BY id DESC LIMIT ?",
                        AuditLog::map, where.params(page.fetchSize())),
                page.limit(), AuditEntry::id));
    }

    /**
     * Walks the org's chain from its first row to the head: each row's hash must match its content and link to
     * the row before it; the last row must be the one the head names. Rows written before the chain existed are
     * not part of it.
     */
    public ChainVerification verify(Actor actor) {
        chainPending();
        return database.read(sql -> {
            Optional<Head> head = sql.one("SELECT last_seq, last_id, last_hash FROM audit_heads WHERE org_id = ?",
                    AuditLog::head, actor.orgId());
            if (head.isEmpty()) {
                return new ChainVerification(true, 0, null);
            }
            long checked = 0;
            long lastSeq = 0;
            String prevHash = AuditChain.GENESIS;
            List<Chained> rows;
            do {
                rows = sql.list("""
                        SELECT * FROM audit_log WHERE org_id = ? AND chain_seq > ? AND chain_seq <= ?
                        ORDER BY chain_seq LIMIT ?""",
                        AuditLog::chained, actor.orgId(), lastSeq, head.get().seq(), VERIFY_PAGE);
                for (Chained row : rows) {
                    checked++;
                    if (!AuditChain.hash(row.content()).equals(row.hash())) {
                        return broken(checked, row.content().id(), ChainVerification.HASH_MISMATCH);
                    }
                    if (!prevHash.equals(row.content().prevHash())) {
                        return broken(checked, row.content().id(), ChainVerification.BROKEN_LINK);
                    }
                    prevHash = row.hash();
                    lastSeq = row.content().seq();
                }
            } while (rows.size() == VERIFY_PAGE);
            if (lastSeq != head.get().seq() || !prevHash.equals(head.get().hash())) {
                // The rows at the end of the chain are gone: name the last one the head remembers.
                return broken(checked, head.get().lastId(), ChainVerification.BROKEN_LINK);
            }
            return new ChainVerification(true, checked, null);
        });
    }

    private static ChainVerification broken(long checked, String id, String reason) {
        return new ChainVerification(false, checked, new ChainVerification.BrokenLink(id, reason));
    }

    private record Head(long seq, String lastId, String hash) {}

    private record Chained(AuditChain.Content content, String hash) {}

    private static Head head(Row row) throws SQLException {
        return new Head(row.longValue("last_seq"), row.string("last_id"), row.string("last_hash"));
    }

    private static AuditChain.Content unchained(Row row) throws SQLException {
        return new AuditChain.Content(row.string("id"), row.string("org_id"), 0, row.string("actor_key_id"),
                row.string("actor_agent_id"), row.string("action"), row.string("resource_type"),
                row.string("resource_id"), row.json("details"), row.string("request_id"), row.longValue("created_at"),
                null);
    }

    private static Chained chained(Row row) throws SQLException {
        return new Chained(new AuditChain.Content(row.string("id"), row.string("org_id"), row.longValue("chain_seq"),
                row.string("actor_key_id"), row.string("actor_agent_id"), row.string("action"),
                row.string("resource_type"), row.string("resource_id"), row.json("details"), row.string("request_id"),
                row.longValue("created_at"), row.string("prev_hash")), row.string("hash"));
    }

    private static AuditEntry map(Row row) throws SQLException {
        return new AuditEntry(row.string("id"), row.string("actor_key_id"), row.string("actor_agent_id"),
                row.string("action"), row.string("resource_type"), row.string("resource_id"), row.json("details"),
                row.string("request_id"), row.instant("created_at"));
    }
}
