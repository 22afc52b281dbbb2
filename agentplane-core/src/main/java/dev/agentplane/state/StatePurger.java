package dev.agentplane.state;

import dev.agentplane.store.Database;
import java.time.Clock;
import java.time.Duration;

/**
 * Deletes the rows of expired state entries. Expired entries are already invisible, so this only reclaims
 * space; the server runs it periodically, in small batches so it never holds the table for long.
 * Several server nodes may run it at once: each delete only removes rows that are expired anyway.
 */
public final class StatePurger {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    private static final int BATCH = 1000;

    private final Database database;
    private final Clock clock;
    private final int batch;
    private final StateRepository state = new StateRepository();

    StatePurger(Database database, Clock clock, int batch) {
        this.database = database;
        this.clock = clock;
        this.batch = batch;
    }

    public StatePurger(Database database, Clock clock) {
        this(database, clock, BATCH);
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
}
