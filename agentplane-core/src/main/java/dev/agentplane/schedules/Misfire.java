package dev.agentplane.schedules;

import java.time.Duration;
import java.util.List;

/** What a schedule does about fire times missed while no node was running. */
public final class Misfire {
    /** No catch-up: the missed times are recorded as one skipped fire and the schedule waits for its next time. */
    public static final String SKIP = "skip";
    /** One execution for all the missed times, recorded at the first of them, then the next time as usual. */
    public static final String RUN_ONCE = "run_once";
    public static final List<String> POLICIES = List.of(SKIP, RUN_ONCE);
    /** A fire handled later than this after its time was missed (the nodes were down, not just busy). */
    public static final Duration GRACE = Duration.ofMinutes(1);

    private Misfire() {}
}
