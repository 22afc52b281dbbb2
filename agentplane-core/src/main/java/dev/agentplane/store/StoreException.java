package dev.agentplane.store;

/** A database failure that is not the caller's fault (lost connection, disk full, a bug in our SQL). */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
