package dev.agentplane.usage;

import dev.agentplane.audit.AuditLog;
import dev.agentplane.common.problems.TooManyRequestsException;
import dev.agentplane.store.Database;
import dev.agentplane.store.Sql;
import dev.agentplane.tenancy.Actor;
import dev.agentplane.tenancy.OrgService;
import dev.agentplane.tenancy.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-org monthly limits (executions, tokens, cost) and rate-limit overrides. New work is checked against them
 * in the transaction that starts it; work already running is never stopped by a limit.
 */
public final class LimitService {
    /** How long a node trusts the rate limits it read for an org. */
    private static final long CACHE_MILLIS = 5_000;

    private final Database database;
    private final AuditLog audit;
    private final Clock clock;
    private final UsageMeter meter;
    private final OrgService orgs;
    private final OrgLimitsRepository layers = new OrgLimitsRepository();
    private final ConcurrentHashMap<String, CachedLimits> cached = new ConcurrentHashMap<>();

    private record CachedLimits(OrgLimits effective, long validUntil) {}

    public LimitService(Database database, AuditLog audit, Clock clock, UsageMeter meter, OrgService orgs) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
        this.meter = meter;
        this.orgs = orgs;
    }

    public LimitsView get(Actor actor) {
        return database.read(sql -> view(sql, actor.orgId()));
    }

    /** Replaces the limits the org's admins set (absent fields: no limit of theirs). */
    public LimitsView set(Actor actor, OrgLimits limits) {
        return put(actor, actor.orgId(), OrgLimitsRepository.ORG, limits, "limits.update");
    }

    /** The limits of {@code orgId} as the instance admin sees them; 404 for anyone else. */
    public LimitsView quota(Actor actor, String orgId) {
        orgs.get(actor, orgId);
        return database.read(sql -> view(sql, orgId));
    }

    /** Replaces the quota the instance admin sets on {@code orgId}, which the org's admins cannot raise. */
    public LimitsView setQuota(Actor actor, String orgId, OrgLimits quota) {
        orgs.get(actor, orgId);
        return put(actor, orgId, OrgLimitsRepository.QUOTA, quota, "org.quota.update");
    }

    /**
     * In the transaction that starts an execution: counts it, and refuses it with a 429 when the org reached a
     * monthly limit. The count and the check share the org's row of the day, so concurrent starts cannot overshoot.
     * An org without monthly limits has nothing to check: its start is counted after the commit like API calls
     * (buffered, written every second), since that row lock, held to the commit, let only one start commit at a time.
     */
    public void startExecution(Sql tx, String orgId) {
        OrgLimitsRepository.Layers both = layers.both(tx, orgId);
        OrgLimits quota = both.quota();
        OrgLimits effective = both.effective();
        if (effective.monthlyExecutions() == null && effective.monthlyTokens() == null && effective.monthlyCostUsd() == null) {
            tx.afterCommit(() -> meter.countExecutionStarted(orgId));
            return;
        }
        meter.add(tx, orgId, UsageCounts.executionStarted());
        YearMonth month = YearMonth.from(meter.today());
        UsageCounts used = meter.month(tx, orgId, month);
        Instant resetsAt = resetOf(month);
        if (effective.monthlyExecutions() != null && used.executionsStarted() > effective.monthlyExecutions()) {
            throw reached("monthly_executions", effective.monthlyExecutions(), used.executionsStarted() - 1,
                    "executions", quota.monthlyExecutions(), resetsAt);
        }
        if (effective.monthlyTokens() != null && used.tokens() >= effective.monthlyTokens()) {
            throw reached("monthly_tokens", effective.monthlyTokens(), used.tokens(), "LLM tokens",
                    quota.monthlyTokens(), resetsAt);
        }
        if (effective.monthlyCostUsd() != null && used.costUsd() >= effective.monthlyCostUsd()) {
            throw reached("monthly_cost_usd", effective.monthlyCostUsd(), used.costUsd(), "US dollars of LLM cost",
                    quota.monthlyCostUsd(), resetsAt);
        }
    }

    /** Requests per minute for keys of {@code role} in {@code orgId}, or null for the server's default. */
    public Integer rateLimitPerMinute(String orgId, Role role) {
        long now = clock.millis();
        CachedLimits limits = cached.get(orgId);
        if (limits == null || limits.validUntil() <= now) {
            limits = new CachedLimits(database.read(sql -> effective(sql, orgId)), now + CACHE_MILLIS);
            cached.put(orgId, limits);
        }
        return limits.effective().rateLimitPerMinute(role);
    }

    private LimitsView put(Actor actor, String orgId, String layer, OrgLimits limits, String action) {
        limits.validate();
        LimitsView view = database.inTransaction(tx -> {
            layers.put(tx, orgId, layer, limits, clock.millis());
            audit.record(tx, actor, action, "org", orgId, limits);
            return view(tx, orgId);
        });
        cached.remove(orgId);
        return view;
    }

    private LimitsView view(Sql sql, String orgId) {
        OrgLimitsRepository.Layers both = layers.both(sql, orgId);
        YearMonth month = YearMonth.from(meter.today());
        return new LimitsView(orgId, both.own(), both.quota(), both.effective(),
                new LimitsView.Month(month.toString(), resetOf(month), meter.month(sql, orgId, month)));
    }

    private OrgLimits effective(Sql sql, String orgId) {
        return layers.both(sql, orgId).effective();
    }

    private static Instant resetOf(YearMonth month) {
        return month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    private TooManyRequestsException reached(String limit, Number value, Number used, String what, Number quotaValue,
                                             Instant resetsAt) {
        boolean setByQuota = quotaValue != null && quotaValue.doubleValue() == value.doubleValue();
        String raise = setByQuota ? "the instance operator can raise the org's quota (PUT /v1/orgs/{org_id}/quota)"
                : "an admin of the organization can raise it (PUT /v1/limits)";
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("limit", limit);
        facts.put("limit_value", value);
        facts.put("usage", used);
        facts.put("resets_at", resetsAt.toString());
        long secondsToReset = Duration.between(clock.instant(), resetsAt).toSeconds();
        return new TooManyRequestsException("usage-limit-reached", "Usage limit reached", "the organization used " + used
                + " of its " + value + " " + what + " this month (" + limit + "); new work is refused until " + resetsAt
                + " while work already running continues; " + raise, facts, secondsToReset);
    }
}
