package dev.agentplane.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Listens to a PostgreSQL NOTIFY channel on one connection, on a daemon thread, until closed. */
final class PostgresListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresListener.class);

    private final DataSource dataSource;
    private final String channel;
    private final Runnable onNotify;
    private volatile boolean running = true;
    private final java.util.concurrent.CountDownLatch listening = new java.util.concurrent.CountDownLatch(1);
    private Thread thread;

    PostgresListener(DataSource dataSource, String channel, Runnable onNotify) {
        this.dataSource = dataSource;
        this.channel = channel;
        this.onNotify = onNotify;
    }

    /** Starts listening, and returns once the channel is listened to (or after 5 s, when the database is slow). */
    PostgresListener start() {
        thread = Thread.ofPlatform().daemon().name("agentplane-listen-" + channel).start(this::listenUntilClosed);
        try {
            listening.await(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return this;
    }

    private void listenUntilClosed() {
        while (running) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + channel);
                listening.countDown();
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications(500);
                    if (notifications != null && notifications.length > 0) {
                        onNotify.run();
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    // Until the connection is back, polling by the listeners' owners still finds the work.
                    LOG.warn("listening on {} failed; retrying in 1 s", channel, e);
                    sleep();
                }
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
