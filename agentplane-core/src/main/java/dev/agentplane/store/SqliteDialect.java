package dev.agentplane.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

final class SqliteDialect implements Dialect {
    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public Map<String, String> migrationPlaceholders() {
        return Map.of("json", "TEXT", "bool", "INTEGER", "key", "TEXT");
    }

    @Override
    public void bindJson(PreparedStatement statement, int index, String jsonText) throws SQLException {
        statement.setString(index, jsonText);
    }

    @Override
    public String jsonArrayContains(String column) {
        return "EXISTS (SELECT 1 FROM json_each(" + column + ") WHERE json_each.value = ?)";
    }

    @Override
    public boolean isUniqueViolation(SQLException e) {
        String message = e.getMessage();
        return message != null && (message.contains("UNIQUE constraint failed") || message.contains("PRIMARY KEY constraint failed"));
    }

    @Override
    public String forUpdate() {
        // Write transactions begin IMMEDIATE and are serialized, so a row read in one cannot change under it.
        return "";
    }

    @Override
    public boolean dataModifyingWith() {
        return false;
    }

    @Override
    public boolean singleWriter() {
        return true;
    }

    @Override
    public String notifyStatement(String channel) {
        return null;
    }

    @Override
    public String skipLocked() {
        return "";
    }
}
