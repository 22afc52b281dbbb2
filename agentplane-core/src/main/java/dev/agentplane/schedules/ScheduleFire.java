package dev.agentplane.schedules;

import java.time.Instant;

/**
 * One fire time of a schedule ({@code fireAt}), handled at {@code firedAt}: the execution it started, or why it
 * started none ({@code reason}, a stable code, and {@code error}, the explanation).
 */
public record ScheduleFire(String id, String scheduleId, Instant fireAt, Instant firedAt, String status,
                           String executionId, String reason, String error) {
    public static final String STARTED = "started";
    /** Missed while no node was running, under misfire policy skip. */
    public static final String SKIPPED = "skipped";
    /** The start was refused: usage limit reached, workflow missing or inactive, input no longer valid… */
    public static final String REFUSED = "refused";
}
