package dev.agentplane.state;

import dev.agentplane.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the rows of expired state entries. Expired entries are already invisible, so this only reclaims
 * space; it runs periodically on one daemon thread, in small batches so it never holds the table for long.
 * Several server nodes may run it at once: each delete only removes rows that are expired anyway.
 */
public final class StatePurger implements AutoCloseable {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    private static final int BATCH = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(StatePurger.class);

    private final Database database;
    private final Clock clock;
    private final Duration interval;
    private final int batch;
    private final StateRepository state = new StateRepository();
    private ScheduledExecutorService scheduler;

    StatePurger(Database database, Clock clock, Duration interval, int batch) {
        this.database = database;
        this.clock = clock;
        this.interval = interval;
        this.batch = batch;
    }

    public StatePurger(Database database, Clock clock, Duration interval) {
        this(database, clock, interval, BATCH);
    }

    public StatePurger(Database database, Clock clock) {
        this(database, clock, DEFAULT_INTERVAL);
    }

    /** Deletes every row expired by now; returns how many it deleted. */
    public int purgeExpired() {
        long now = clock.millis();
        int total = 0;
        int deleted;
        do {
            deleted = database.inTransaction(tx -> state.purgeExpired(tx, now, batch));
            total += deleted;
        } while (deleted == batch);
        return total;
    }

    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("state-purger").factory());
        scheduler.scheduleWithFixedDelay(this::purgeLogged, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void purgeLogged() {
        try {
            int deleted = purgeExpired();
            if (deleted > 0) {
                LOG.debug("purged {} expired state entries", deleted);
            }
        } catch (RuntimeException e) {
            // A failed run (database briefly unreachable) must not stop the schedule; the next run retries.
            LOG.warn("purging expired state entries failed; retrying in {}", interval, e);
        }
    }

    /** Stops the schedule, letting a purge in progress finish (briefly) before the database closes. */
    @Override
    public synchronized void close() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
        scheduler = null;
    }
}
