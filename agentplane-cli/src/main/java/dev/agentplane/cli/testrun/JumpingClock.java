package dev.agentplane.cli.testrun;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Real time, plus jumps: when a test run has nothing to do until a sleep ends or a retry's backoff passes, it jumps
 * the clock there instead of waiting. Steps therefore see time pass as they would on a server, only faster.
 */
final class JumpingClock extends Clock {
    private final AtomicLong skipped = new AtomicLong();

    /** Moves the clock forward to {@code epochMillis} (never backward). */
    void jumpTo(long epochMillis) {
        skipped.addAndGet(Math.max(0, epochMillis - millis()));
    }

    /** How much time the jumps skipped, in milliseconds. */
    long skippedMillis() {
        return skipped.get();
    }

    @Override
    public long millis() {
        return System.currentTimeMillis() + skipped.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
