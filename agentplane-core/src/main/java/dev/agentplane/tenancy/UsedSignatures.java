package dev.agentplane.tenancy;

import dev.agentplane.store.Database;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signatures of signed requests already accepted, in the database, so a captured request is refused as a
 * replay by every server sharing it. A signature is remembered until its timestamp leaves the validity window
 * (after that the timestamp check refuses it anyway); rows past that are deleted now and then by whichever
 * request comes along, so no background job is needed. Unsigned requests never come here.
 */
public final class UsedSignatures {
    private static final Logger LOG = LoggerFactory.getLogger(UsedSignatures.class);
    /** Rows are kept this long past their window, so servers whose clocks differ by less still agree. */
    private static final long CLOCK_SLACK_MILLIS = 60_000;
    private static final long PURGE_INTERVAL_MILLIS = 60_000;

    private final Database database;
    private final Clock clock;
    private final AtomicLong nextPurge = new AtomicLong();

    public UsedSignatures(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Records {@code signature}, valid until {@code expiresAtMillis}; false when it was recorded before (by this
     * server or another), which makes the request a replay. The primary key decides, so of two requests with the
     * same signature racing on two servers exactly one wins.
     */
    public boolean firstUse(String signature, long expiresAtMillis) {
        // ON CONFLICT DO NOTHING (on both databases) rather than catching a unique violation: a replay is an
        // expected answer, not an error for the database's log.
        boolean first = database.inTransaction(tx -> tx.update(
                "INSERT INTO used_signatures (signature, expires_at) VALUES (?, ?) ON CONFLICT (signature) DO NOTHING",
                signature, expiresAtMillis) == 1);
        purgeIfDue();
        return first;
    }

    /** At most once a minute per server, in its own transaction: a failed purge never fails a request. */
    private void purgeIfDue() {
        long now = clock.millis();
        long due = nextPurge.get();
        if (now < due || !nextPurge.compareAndSet(due, now + PURGE_INTERVAL_MILLIS)) {
            return;
        }
        try {
            database.inTransaction(tx -> tx.update("DELETE FROM used_signatures WHERE expires_at < ?",
                    now - CLOCK_SLACK_MILLIS));
        } catch (RuntimeException e) {
            LOG.warn("could not purge expired request signatures; the next purge tries again", e);
        }
    }
}
