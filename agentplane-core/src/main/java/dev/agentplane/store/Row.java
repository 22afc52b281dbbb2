package dev.agentplane.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Typed, null-aware reads of the current result-set row. */
public final class Row {
    private final ResultSet resultSet;

    Row(ResultSet resultSet) {
        this.resultSet = resultSet;
    }

    public String string(String column) throws SQLException {
        return resultSet.getString(column);
    }

    public long longValue(String column) throws SQLException {
        return resultSet.getLong(column);
    }

    public Long nullableLong(String column) throws SQLException {
        long value = resultSet.getLong(column);
        return resultSet.wasNull() ? null : value;
    }

    public int intValue(String column) throws SQLException {
        return resultSet.getInt(column);
    }

    public double doubleValue(String column) throws SQLException {
        return resultSet.getDouble(column);
    }

    public Double nullableDouble(String column) throws SQLException {
        double value = resultSet.getDouble(column);
        return resultSet.wasNull() ? null : value;
    }

    public boolean bool(String column) throws SQLException {
        return resultSet.getBoolean(column);
    }

    public JsonNode json(String column) throws SQLException {
        return Json.parse(resultSet.getString(column));
    }

    public Instant instant(String column) throws SQLException {
        Long millis = nullableLong(column);
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
