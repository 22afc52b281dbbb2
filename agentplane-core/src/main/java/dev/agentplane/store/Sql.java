package dev.agentplane.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.common.problems.InvalidInputException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Plain JDBC on one connection, with positional parameters and row mappers; the SQL stays visible. */
public final class Sql {
    private final Connection connection;
    private final Dialect dialect;
    private final Signals signals;
    /** Actions to run once the transaction commits; null on an auto-commit connection. */
    private final List<Runnable> afterCommit;
    /** Channels to notify once the transaction commits. */
    private final Set<String> notifications = new LinkedHashSet<>();

    Sql(Connection connection, Dialect dialect, Signals signals, boolean transactional) {
        this.connection = connection;
        this.dialect = dialect;
        this.signals = signals;
        this.afterCommit = transactional ? new ArrayList<>() : null;
    }

    public Dialect dialect() {
        return dialect;
    }

    /**
     * Runs {@code action} after this transaction commits (never if it rolls back), on the committing thread; outside
     * a transaction, at once. For in-process signals only, such as waking the readers of new rows: an action must be
     * quick and must not fail the caller, whose change is already committed.
     */
    public void afterCommit(Runnable action) {
        if (afterCommit == null) {
            action.run();
        } else {
            afterCommit.add(action);
        }
    }

    /** Raises {@code topic} with {@code key} for this process's listeners once the transaction commits. */
    public void signalAfterCommit(String topic, String key) {
        afterCommit(() -> signals.raise(topic, key));
    }

    List<Runnable> committed() {
        return afterCommit == null ? List.of() : afterCommit;
    }

    /**
     * Tells processes listening on {@code channel} once this transaction commits (a no-op on SQLite), once however
     * often it is asked. The notification goes out right after the commit, in a transaction of its own: a NOTIFY inside
     * this transaction would hold PostgreSQL's cluster-wide notification lock until the commit's WAL flush ended, so
     * all notifying transactions would commit one at a time (bench/engine measured it).
     */
    public void notifyOnCommit(String channel) {
        String statement = dialect.notifyStatement(channel);
        if (statement == null) {
            return;
        }
        if (afterCommit == null) {
            list(statement, row -> true);
        } else {
            notifications.add(channel);
        }
    }

    /** After the commit, on the same connection (back in auto-commit): the notifications the transaction asked for. */
    void sendNotifications() {
        for (String channel : notifications) {
            list(dialect.notifyStatement(channel), row -> true);
        }
        notifications.clear();
    }

    /** A JSON parameter; JSON null and a missing value become SQL NULL. */
    public static JsonParam json(JsonNode node) {
        String text = Json.writeNullable(node);
        return text == null ? null : new JsonParam(text);
    }

    public static JsonParam json(Object value) {
        return value == null ? null : new JsonParam(Json.write(value));
    }

    /** "?, ?, ?": the placeholders of an IN list of {@code count} values (count &gt; 0). */
    public static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... params) {
        try (PreparedStatement statement = prepare(sql, params); ResultSet resultSet = statement.executeQuery()) {
            List<T> rows = new ArrayList<>();
            Row row = new Row(resultSet);
            while (resultSet.next()) {
                rows.add(mapper.map(row));
            }
            return rows;
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = list(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    public long count(String sql, Object... params) {
        return one(sql, row -> row.longValue("n"), params).orElse(0L);
    }

    public int update(String sql, Object... params) {
        try (PreparedStatement statement = prepare(sql, params)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    /**
     * Runs {@code work} after a savepoint: when it throws, only what it wrote is undone and the transaction goes on
     * (on PostgreSQL a failed statement would otherwise abort the whole transaction).
     */
    public <T> T withSavepoint(Supplier<T> work) {
        Savepoint savepoint;
        try {
            savepoint = connection.setSavepoint();
        } catch (SQLException e) {
            throw new StoreException("could not set a savepoint", e);
        }
        T result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            try {
                connection.rollback(savepoint);
            } catch (SQLException undo) {
                e.addSuppressed(undo);
            }
            throw e;
        }
        try {
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw new StoreException("could not release a savepoint", e);
        }
        return result;
    }

    private PreparedStatement prepare(String sql, Object... params) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < params.length; i++) {
                bind(statement, i + 1, params[i]);
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        switch (value) {
            case null -> statement.setNull(index, Types.NULL);
            case JsonParam json -> dialect.bindJson(statement, index, json.text());
            case String s -> statement.setString(index, s);
            case Long l -> statement.setLong(index, l);
            case Integer i -> statement.setInt(index, i);
            case Double d -> statement.setDouble(index, d);
            case Boolean b -> statement.setBoolean(index, b);
            default -> throw new IllegalArgumentException("cannot bind " + value.getClass().getName());
        }
    }

    private RuntimeException failure(String sql, SQLException e) {
        if (dialect.isUniqueViolation(e)) {
            return new UniqueViolation(e);
        }
        if (e.getSQLState() != null && e.getSQLState().startsWith("22")) {
            // SQL "data exception": a value the database cannot hold (a NUL character, a number out of range).
            return InvalidInputException.body("", "contains a value the database cannot store: " + e.getMessage(),
                    "remove NUL characters and keep numbers within 64-bit range");
        }
        return new StoreException("statement failed: " + sql, e);
    }

    /** A unique constraint refused the row; repositories turn it into a 409 naming the clashing field. */
    public static final class UniqueViolation extends RuntimeException {
        UniqueViolation(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
