package dev.agentplane.store;

import java.sql.SQLException;

/**
 * A transaction lost to concurrent ones (a deadlock's victim, a serialization failure) every time it was tried: the
 * database is fine and nothing was changed, so the caller may simply try again (the API answers 503 with Retry-After).
 */
public final class StoreContentionException extends StoreException {
    /** PostgreSQL's SQLSTATEs for "run the transaction again": serialization_failure, deadlock_detected. */
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String DEADLOCK_DETECTED = "40P01";

    StoreContentionException(int attempts, Throwable last) {
        super("the transaction lost to concurrent ones " + attempts + " times in a row", last);
    }

    /** Whether {@code e} (or what caused it) says the database aborted the transaction only to let another go on. */
    static boolean isTransient(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql
                    && (SERIALIZATION_FAILURE.equals(sql.getSQLState()) || DEADLOCK_DETECTED.equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
