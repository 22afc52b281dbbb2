package dev.agentplane.server.http;

/** Request size limits: a body may carry one maximal state value (1 MiB) and its envelope. */
public final class Limits {
    public static final long MAX_BODY_BYTES = 2L * 1024 * 1024;

    private Limits() {}
}
