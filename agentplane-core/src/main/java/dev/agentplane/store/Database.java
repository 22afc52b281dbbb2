package dev.agentplane.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool, its dialect and the two ways to use it: {@link #read} on an auto-commit connection
 * and {@link #inTransaction} for every change (the change and its audit row commit together or not at all).
 * Statements may register work to run after their transaction commits ({@link Sql#afterCommit}).
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private final HikariDataSource dataSource;
    private final Dialect dialect;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Signals signals = new Signals();

    private Database(HikariDataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    /** Opens the pool and brings the schema up to date with the migrations. */
    public static Database open(DatabaseSettings settings) {
        Dialect dialect = dialectFor(settings);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setPoolName("agentplane-" + dialect.name());
        config.setConnectionTimeout(10_000);
        if (settings.isSqlite()) {
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("synchronous", "NORMAL");
            config.addDataSourceProperty("busy_timeout", "10000");
            config.addDataSourceProperty("foreign_keys", "true");
            // Write transactions take the write lock at BEGIN, so they never fail on a lock upgrade.
            config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .placeholders(dialect.migrationPlaceholders())
                    // Features land from parallel branches, each with its own additive migration: one merged later
                    // with a lower version than the database has already run still applies.
                    .outOfOrder(true)
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource, dialect);
    }

    private static Dialect dialectFor(DatabaseSettings settings) {
        if (settings.isSqlite()) {
            return new SqliteDialect();
        }
        if (settings.isPostgres()) {
            return new PostgresDialect();
        }
        throw new IllegalArgumentException("unsupported database URL '" + settings.jdbcUrl()
                + "': use jdbc:postgresql://host:port/database, or leave it unset for SQLite");
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Notices of this process's commits, for readers that wait for new rows. */
    public Signals signals() {
        return signals;
    }

    /** Runs queries on an auto-commit connection: each statement sees committed data. */
    public <T> T read(Function<Sql, T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.apply(new Sql(connection, dialect, signals, false));
        } catch (SQLException e) {
            throw new StoreException("could not get a database connection", e);
        }
    }

    /** How many times a transaction PostgreSQL chose as a deadlock's victim (or a serialization failure) is run. */
    static final int ATTEMPTS = 4;

    /**
     * Runs {@code work} in one transaction: it commits if work returns, and rolls back if it throws. On PostgreSQL, a
     * transaction aborted as a deadlock's victim (SQLSTATE 40P01) or for a serialization failure (40001) is run again
     * from the start, up to {@link #ATTEMPTS} times in all: its rollback undid all it did, and the transaction it lost
     * to has gone on. {@code work} must therefore be database work only (no calls out, no in-memory effects that a
     * second run would repeat); what it wants done after the commit goes through {@link Sql#afterCommit}, which only
     * the attempt that commits runs. Out of attempts, it fails with a {@link StoreContentionException}.
     */
    public <T> T inTransaction(Function<Sql, T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return inOneTransaction(work);
            } catch (RuntimeException e) {
                if (dialect.singleWriter() || !StoreContentionException.isTransient(e)) {
                    throw e;
                }
                if (attempt == ATTEMPTS) {
                    throw new StoreContentionException(ATTEMPTS, e);
                }
                LOG.debug("transaction attempt {} lost to a concurrent one ({}); running it again", attempt, e.getMessage());
            }
        }
    }

    private <T> T inOneTransaction(Function<Sql, T> work) {
        boolean serialize = dialect.singleWriter();
        if (serialize) {
            writeLock.lock();
        }
        Sql tx;
        T result;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                tx = new Sql(connection, dialect, signals, true);
                result = work.apply(tx);
                connection.commit();
            } catch (RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
            sendNotifications(tx);
        } catch (SQLException e) {
            throw new StoreException("transaction failed", e);
        } finally {
            if (serialize) {
                writeLock.unlock();
            }
        }
        runAfterCommit(tx.committed());
        return result;
    }

    /** The transaction committed: a notification that cannot be sent must not fail it; listeners poll anyway. */
    private static void sendNotifications(Sql tx) {
        try {
            tx.sendNotifications();
        } catch (RuntimeException e) {
            LOG.warn("a notification after a commit failed; listeners on other nodes notice the change at their next poll", e);
        }
    }

    private static void runAfterCommit(List<Runnable> actions) {
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("an after-commit action failed; the transaction itself committed", e);
            }
        }
    }

    /**
     * Calls {@code onNotify} whenever a transaction notifies {@code channel} (PostgreSQL LISTEN on a connection
     * of its own, re-opened if it breaks); a no-op where no other process can share the database.
     */
    public AutoCloseable listen(String channel, Runnable onNotify) {
        if (dialect.notifyStatement(channel) == null) {
            return () -> {};
        }
        return new PostgresListener(dataSource, channel, onNotify).start();
    }

    public boolean isReachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
