package dev.agentplane.cli.remote;

/** A profile that is missing or a profile file that cannot be read: a usage error (exit 2) with what to do. */
public final class ProfileException extends RuntimeException {
    public ProfileException(String message) {
        super(message);
    }
}
