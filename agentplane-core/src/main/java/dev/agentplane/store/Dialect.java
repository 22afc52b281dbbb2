package dev.agentplane.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

/**
 * What differs between the databases AgentPlane runs on. Everything else is portable SQL; a dialect
 * overrides only these few fragments, column types and bindings.
 */
public interface Dialect {
    String name();

    /** Flyway placeholders that turn the shared migrations into this database's DDL. */
    Map<String, String> migrationPlaceholders();

    /** Binds JSON text so the database stores it as its JSON type. */
    void bindJson(PreparedStatement statement, int index, String jsonText) throws SQLException;

    /** A condition true when the JSON array in {@code column} contains the string bound to the one '?'. */
    String jsonArrayContains(String column);

    boolean isUniqueViolation(SQLException e);

    /**
     * Appended to a SELECT in a transaction that will write the rows it reads, so no other transaction changes
     * them in between (read-modify-write without lost updates).
     */
    String forUpdate();

    /** Locks selected rows and skips those another transaction holds (claiming work); empty where one writer runs at a time. */
    String skipLocked();

    /**
     * A statement that tells every process listening on {@code channel} (see {@link Database#listen}), run on its own
     * after the transaction that asked for it committed; null where other processes cannot share the database.
     */
    String notifyStatement(String channel);

    /** Whether a WITH clause may hold an INSERT, UPDATE or DELETE (PostgreSQL; not SQLite). */
    boolean dataModifyingWith();

    /** Whether writers must be serialized inside this process (one writer at a time, as in SQLite). */
    boolean singleWriter();
}
