package dev.agentplane.teams.record;

import java.time.Instant;

/** A recorded team run as {@code agentplane runs} lists it: the execution that holds it and how it ended. */
public record RunSummary(String id, String team, String task, String status, String result, String error,
                         long tokensIn, long tokensOut, double costUsd, Instant startedAt, Instant completedAt) {}
