package dev.agentplane.usage;

import dev.agentplane.common.problems.InvalidInputException;
import dev.agentplane.store.Database;
import dev.agentplane.store.Sql;
import dev.agentplane.tenancy.Actor;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Counts what each org uses per UTC day. Work is counted in the transaction that does it, so a rolled-back
 * request counts nothing; API calls, one per request, and step attempts are buffered in memory and written by {@link #flush}
 * (the server does so every second), so counting them costs no database write per request.
 */
public final class UsageMeter {
    static final int MAX_REPORT_DAYS = 366;

    private final Database database;
    private final Clock clock;
    private final UsageRepository usage = new UsageRepository();
    private final ConcurrentHashMap<OrgDay, AtomicLong> pendingApiCalls = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<OrgDay, AtomicLong> pendingSteps = new ConcurrentHashMap<>();

    private record OrgDay(String orgId, LocalDate day) {}

    public UsageMeter(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** In the caller's transaction: adds {@code delta} to today's usage of {@code orgId}. */
    public void add(Sql tx, String orgId, UsageCounts delta) {
        if (!delta.isZero()) {
            usage.add(tx, orgId, today(), delta);
        }
    }

    public void countApiCall(String orgId) {
        pendingApiCalls.computeIfAbsent(new OrgDay(orgId, today()), key -> new AtomicLong()).incrementAndGet();
    }

    /** A step attempt the engine ran; buffered like API calls (step completions must not contend on one row). */
    public void countStep(String orgId) {
        pendingSteps.computeIfAbsent(new OrgDay(orgId, today()), key -> new AtomicLong()).incrementAndGet();
    }

    /** Writes the buffered API calls and steps; what it could not write stays buffered for the next flush. */
    public void flush() {
        flush(pendingApiCalls, UsageCounts::apiCalls);
        flush(pendingSteps, UsageCounts::stepsRun);
    }

    private void flush(ConcurrentHashMap<OrgDay, AtomicLong> pendingCounts, java.util.function.LongFunction<UsageCounts> asUsage) {
        LocalDate today = today();
        for (Map.Entry<OrgDay, AtomicLong> pending : pendingCounts.entrySet()) {
            OrgDay orgDay = pending.getKey();
            long calls = pending.getValue().getAndSet(0);
            if (calls > 0) {
                try {
                    database.inTransaction(tx -> {
                        usage.add(tx, orgDay.orgId(), orgDay.day(), asUsage.apply(calls));
                        return null;
                    });
                } catch (RuntimeException e) {
                    pending.getValue().addAndGet(calls);
                    throw e;
                }
            }
            if (orgDay.day().isBefore(today)) {
                pendingCounts.computeIfPresent(orgDay, (key, counter) -> counter.get() == 0 ? null : counter);
            }
        }
    }

    /** Usage per day from {@code from} (default: the first of this month) to {@code to} (default: today). */
    public UsageReport report(Actor actor, LocalDate from, LocalDate to) {
        LocalDate last = to != null ? to : today();
        LocalDate first = from != null ? from : YearMonth.from(last).atDay(1);
        if (first.isAfter(last)) {
            throw InvalidInputException.parameter("from", "'" + first + "' is after to '" + last + "'",
                    "pass a from date on or before the to date");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_REPORT_DAYS) {
            throw InvalidInputException.parameter("from", "the range " + first + " to " + last + " spans more than "
                    + MAX_REPORT_DAYS + " days", "ask for at most " + MAX_REPORT_DAYS + " days at a time");
        }
        Map<LocalDate, UsageDay> recorded = database.read(sql -> usage.days(sql, actor.orgId(), first, last)).stream()
                .collect(Collectors.toMap(UsageDay::day, Function.identity()));
        List<UsageDay> days = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            days.add(recorded.getOrDefault(day, new UsageDay(day, UsageCounts.ZERO)));
        }
        UsageCounts totals = days.stream().map(UsageDay::usage).reduce(UsageCounts.ZERO, UsageCounts::plus);
        return new UsageReport(first, last, days, totals);
    }

    /** What {@code orgId} used in the month of {@code day} (written usage only, not API calls still buffered). */
    UsageCounts month(Sql sql, String orgId, YearMonth month) {
        return usage.sum(sql, orgId, month.atDay(1), month.plusMonths(1).atDay(1));
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
