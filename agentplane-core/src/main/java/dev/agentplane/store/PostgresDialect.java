package dev.agentplane.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Map;

final class PostgresDialect implements Dialect {
    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public Map<String, String> migrationPlaceholders() {
        // Keys and ids sort byte-wise (COLLATE "C") so cursors and prefix ranges agree with Java's order.
        return Map.of("json", "JSONB", "bool", "BOOLEAN", "key", "TEXT COLLATE \"C\"");
    }

    @Override
    public void bindJson(PreparedStatement statement, int index, String jsonText) throws SQLException {
        statement.setObject(index, jsonText, Types.OTHER);
    }

    @Override
    public String jsonArrayContains(String column) {
        return column + " @> jsonb_build_array(?::text)";
    }

    @Override
    public boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    @Override
    public String forUpdate() {
        return " FOR UPDATE";
    }

    @Override
    public boolean dataModifyingWith() {
        return true;
    }

    @Override
    public boolean singleWriter() {
        return false;
    }

    @Override
    public String notifyStatement(String channel) {
        // Sent after the transaction it announces, as a transaction of its own: nothing to make durable, so its commit
        // need not wait for a WAL flush while it holds the cluster's notification lock.
        return "SELECT set_config('synchronous_commit', 'off', true), pg_notify('" + channel + "', '')";
    }

    @Override
    public String skipLocked() {
        return " FOR UPDATE SKIP LOCKED";
    }
}
