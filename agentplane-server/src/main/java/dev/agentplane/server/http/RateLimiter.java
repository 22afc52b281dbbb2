package dev.agentplane.server.http;

import dev.agentplane.common.problems.ProblemException;
import dev.agentplane.common.problems.TooManyRequestsException;
import dev.agentplane.server.config.RateLimitSettings;
import dev.agentplane.tenancy.Actor;
import dev.agentplane.usage.LimitService;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets (Bucket4j): one per key, holding a minute's worth of requests and refilling continuously, and
 * one per client address for failed authentications, so guessing keys is slow. Every answer carries
 * RateLimit-Limit/Remaining/Reset; an empty bucket is a 429 with Retry-After.
 */
public final class RateLimiter {
    private final RateLimitSettings settings;
    private final LimitService orgLimits;
    private final TimeMeter time;
    private final ConcurrentHashMap<String, Bucket> keyBuckets = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Bucket> failureBuckets = new ConcurrentHashMap<>();

    public RateLimiter(RateLimitSettings settings, LimitService orgLimits, Clock clock) {
        this.settings = settings;
        this.orgLimits = orgLimits;
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000L;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /** Takes one request from the key's bucket, or refuses it with 429. */
    public void consume(Context ctx, Actor actor) {
        int limit = limitOf(actor);
        Bucket bucket = keyBuckets.computeIfAbsent(actor.keyId() + "/" + limit, k -> perMinute(limit));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        ctx.header("RateLimit-Limit", String.valueOf(limit))
                .header("RateLimit-Remaining", String.valueOf(probe.getRemainingTokens()))
                .header("RateLimit-Reset", String.valueOf(seconds(probe.getNanosToWaitForReset())));
        if (!probe.isConsumed()) {
            throw tooMany(probe, "this key may make " + limit + " requests per minute; wait "
                    + seconds(probe.getNanosToWaitForRefill()) + " s (Retry-After), or ask an admin for a key with a higher "
                    + "rate_limit_per_minute", limit);
        }
    }

    /** The key's own limit, else its org's limit for its role, else the server's default for the role. */
    private int limitOf(Actor actor) {
        if (actor.rateLimitPerMinute() != null) {
            return actor.rateLimitPerMinute();
        }
        Integer orgLimit = orgLimits.rateLimitPerMinute(actor.orgId(), actor.role());
        return orgLimit != null ? orgLimit : settings.perMinute(actor.role());
    }

    /** Refuses a client address that failed to authenticate too often, before trying its key. */
    public void rejectIfGuessing(Context ctx) {
        Bucket bucket = failureBuckets.get(ctx.ip());
        if (bucket != null && bucket.getAvailableTokens() <= 0) {
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                throw tooMany(probe, "too many failed authentications from " + ctx.ip()
                        + "; wait before trying again with a valid key", settings.failedAuthPerMinute());
            }
        }
    }

    public void recordFailedAuthentication(Context ctx) {
        failureBuckets.computeIfAbsent(ctx.ip(), ip -> perMinute(settings.failedAuthPerMinute())).tryConsume(1);
    }

    private Bucket perMinute(int limit) {
        return Bucket.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit).refillGreedy(limit, Duration.ofMinutes(1)))
                .withCustomTimePrecision(time)
                .build();
    }

    private static ProblemException tooMany(ConsumptionProbe probe, String detail, int limit) {
        return new TooManyRequestsException("rate-limited", "Too many requests", detail,
                Map.of("limit_per_minute", limit), seconds(probe.getNanosToWaitForRefill()));
    }

    private static long seconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
