package dev.agentplane.tenancy;

import dev.agentplane.agents.AgentService;
import dev.agentplane.audit.AuditLog;
import dev.agentplane.common.Ids;
import dev.agentplane.common.Json;
import dev.agentplane.common.Page;
import dev.agentplane.common.PageRequest;
import dev.agentplane.common.problems.ConflictException;
import dev.agentplane.common.problems.NotFoundException;
import dev.agentplane.store.Database;
import dev.agentplane.store.Sql;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** Creates keys, lists them, and turns a presented key into the {@link Actor} it stands for. */
public final class KeyService {
    /** How long a verified key is trusted without asking the database again. */
    private static final long CACHE_MILLIS = 5_000;
    /** last_used_at is a hint, so it is written at most this often per key, not on every request. */
    private static final long TOUCH_INTERVAL_MILLIS = 60_000;
    static final int MIN_FIXED_KEY_LENGTH = 24;

    private final Database database;
    private final AuditLog audit;
    private final AgentService agents;
    private final Clock clock;
    private final ApiKeyRepository keys = new ApiKeyRepository();
    private final OrgRepository orgs = new OrgRepository();
    private final ConcurrentHashMap<String, CachedKey> verified = new ConcurrentHashMap<>();

    private record CachedKey(AuthenticatedKey key, long validUntil) {}

    public KeyService(Database database, AuditLog audit, Clock clock, AgentService agents) {
        this.agents = agents;
        this.database = database;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * On an empty database, creates org {@code default} and its first admin key (the given one when
     * {@code fixedAdminKey} is set), and hands the key to {@code keySink} before the transaction commits: if the
     * key cannot be saved, nothing is created and the next start tries again. Returns whether it created them;
     * when several servers start at once on one database, exactly one does.
     */
    public boolean bootstrap(String fixedAdminKey, Consumer<String> keySink) {
        if (fixedAdminKey != null && fixedAdminKey.length() < MIN_FIXED_KEY_LENGTH) {
            throw new IllegalArgumentException("the bootstrap admin key must be at least " + MIN_FIXED_KEY_LENGTH
                    + " characters long; use a long random value, e.g. from 'openssl rand -hex 24'");
        }
        try {
            return database.inTransaction(tx -> {
                if (orgs.anyExists(tx)) {
                    return false;
                }
                String orgId = Ids.newId();
                orgs.insert(tx, orgId, "default", true, clock.millis());
                String keyId = Ids.newId();
                String key = fixedAdminKey != null ? fixedAdminKey : KeyMaterial.newKey(keyId);
                ApiKey stored = new ApiKey(keyId, orgId, KeyMaterial.prefix(key), "bootstrap admin",
                        Role.ADMIN.wireName(), null, null, false, Instant.ofEpochMilli(clock.millis()), null, null, null);
                keys.insert(tx, stored, KeyMaterial.hash(key), null);
                audit.record(tx, Actor.system(orgId), "org.bootstrap", "org", orgId, Json.object().put("name", "default"));
                keySink.accept(key);
                return true;
            });
        } catch (Sql.UniqueViolation anotherServerWon) {
            return false;
        }
    }

    public CreatedApiKey create(Actor actor, NewApiKey request) {
        Instant now = Instant.ofEpochMilli(clock.millis());
        request.validate(now);
        String keyId = Ids.newId();
        String key = KeyMaterial.newKey(keyId);
        String signingSecret = request.signedOrDefault() ? KeyMaterial.newSigningSecret() : null;
        ApiKey stored = new ApiKey(keyId, actor.orgId(), KeyMaterial.prefix(key), request.name(), request.role(),
                request.agentId(), request.rateLimitPerMinute(), signingSecret != null, now, null, request.expiresAt(),
                null);
        database.inTransaction(tx -> {
            agents.requireAgent(tx, actor, "/agent_id", request.agentId());
            keys.insert(tx, stored, KeyMaterial.hash(key), signingSecret);
            audit.record(tx, actor, "key.create", "api_key", keyId, Json.object().put("name", request.name())
                    .put("role", request.role()).put("signed", stored.signed()));
            return null;
        });
        return CreatedApiKey.of(stored, key, signingSecret);
    }

    /** In the caller's transaction: the first admin key of a new org, audited in that org. */
    CreatedApiKey createFirstAdminKey(Sql tx, String orgId, Instant now) {
        String keyId = Ids.newId();
        String key = KeyMaterial.newKey(keyId);
        ApiKey stored = new ApiKey(keyId, orgId, KeyMaterial.prefix(key), "first admin", Role.ADMIN.wireName(), null,
                null, false, now, null, null, null);
        keys.insert(tx, stored, KeyMaterial.hash(key), null);
        audit.record(tx, Actor.system(orgId), "key.create", "api_key", keyId,
                Json.object().put("name", stored.name()).put("role", stored.role()));
        return CreatedApiKey.of(stored, key, null);
    }

    public Page<ApiKey> list(Actor actor, PageRequest page) {
        return database.read(sql -> keys.list(sql, actor.orgId(), page));
    }

    /** Revokes a key at once (revoking a revoked key changes nothing); from then on it gets the 401 of an unknown key. */
    public ApiKey revoke(Actor actor, String keyId) {
        ApiKey revoked = database.inTransaction(tx -> {
            ApiKey current = keys.findForUpdate(tx, actor.orgId(), keyId).orElseThrow(() -> new NotFoundException("api_key", keyId));
            if (current.revokedAt() != null) {
                return current;
            }
            keys.revoke(tx, actor.orgId(), keyId, clock.millis());
            audit.record(tx, actor, "key.revoke", "api_key", keyId, null);
            return keys.find(tx, actor.orgId(), keyId).orElseThrow();
        });
        forgetKey(keyId);
        return revoked;
    }

    /**
     * Issues a new key with the role, agent, name and rate limit of {@code keyId} (and, when it signs its requests,
     * a new signing secret); the old key keeps working with its own secret for the grace period (never longer
     * than its own expiry), then stops, so callers can switch without downtime.
     */
    public CreatedApiKey rotate(Actor actor, String keyId, KeyRotation rotation) {
        rotation.validate();
        Instant now = Instant.ofEpochMilli(clock.millis());
        long oldKeyUntil = now.toEpochMilli() + rotation.graceOrDefault() * 1000;
        String newId = Ids.newId();
        String key = KeyMaterial.newKey(newId);
        CreatedApiKey created = database.inTransaction(tx -> {
            ApiKey old = keys.findForUpdate(tx, actor.orgId(), keyId).orElseThrow(() -> new NotFoundException("api_key", keyId));
            if (!old.usableAt(now.toEpochMilli())) {
                throw new ConflictException("cannot rotate api_key '" + keyId + "': it is "
                        + (old.revokedAt() != null ? "revoked" : "expired") + "; create a new key instead");
            }
            String signingSecret = old.signed() ? KeyMaterial.newSigningSecret() : null;
            ApiKey stored = new ApiKey(newId, actor.orgId(), KeyMaterial.prefix(key), old.name(), old.role(),
                    old.agentId(), old.rateLimitPerMinute(), old.signed(), now, null, null, null);
            keys.insert(tx, stored, KeyMaterial.hash(key), signingSecret);
            if (old.expiresAt() == null || old.expiresAt().toEpochMilli() > oldKeyUntil) {
                keys.expire(tx, actor.orgId(), keyId, oldKeyUntil);
            }
            audit.record(tx, actor, "key.rotate", "api_key", keyId,
                    Json.object().put("new_key_id", newId).put("grace_seconds", rotation.graceOrDefault()));
            return CreatedApiKey.of(stored, key, signingSecret);
        });
        forgetKey(keyId);
        return created;
    }

    /**
     * The actor a presented key stands for; empty for an unknown, revoked or expired key, or a key of a disabled
     * org. Says nothing about request signing: the HTTP layer checks signatures with {@link #identify}.
     */
    public Optional<Actor> authenticate(String presentedKey) {
        return identify(presentedKey).map(AuthenticatedKey::actor);
    }

    /**
     * The key a presented key is: the actor it stands for and its signing secret, if it signs its requests;
     * empty for an unknown, revoked or expired key, or a key of a disabled org. Only SHA-256 digests of keys are compared (in the cache and in the database), so the time a lookup
     * takes tells nothing about how much of a guessed key was right: a guess cannot be chosen to share a prefix
     * of a stored digest. A key stays trusted from the cache for at most {@link #CACHE_MILLIS} and never past its
     * expiry; revoking a key or disabling its org here drops it from the cache at once.
     */
    public Optional<AuthenticatedKey> identify(String presentedKey) {
        long now = clock.millis();
        String hash = KeyMaterial.hash(presentedKey);
        CachedKey cached = verified.get(hash);
        if (cached != null && cached.validUntil() > now) {
            return Optional.of(cached.key());
        }
        Optional<ApiKeyRepository.StoredKey> found = database.read(sql -> keys.findByHash(sql, hash)
                .filter(stored -> KeyMaterial.sameDigest(stored.hash(), hash))
                .filter(stored -> stored.key().usableAt(now))
                .filter(stored -> orgs.statusOf(sql, stored.key().orgId()).filter(Org.ACTIVE::equals).isPresent()));
        found.map(ApiKeyRepository.StoredKey::key)
                .filter(k -> k.lastUsedAt() == null || now - k.lastUsedAt().toEpochMilli() > TOUCH_INTERVAL_MILLIS)
                .ifPresent(k -> database.inTransaction(tx -> {
                    keys.touch(tx, k.id(), now);
                    return null;
                }));
        if (found.isEmpty()) {
            verified.remove(hash);
            return Optional.empty();
        }
        ApiKey k = found.get().key();
        Actor actor = new Actor(k.orgId(), k.id(), k.agentId(), Role.fromWire(k.role()), null, k.rateLimitPerMinute());
        String secret = found.get().signingSecret();
        AuthenticatedKey authenticated = new AuthenticatedKey(actor, secret == null ? null : new SigningSecret(secret));
        long validUntil = k.expiresAt() == null ? now + CACHE_MILLIS : Math.min(now + CACHE_MILLIS, k.expiresAt().toEpochMilli());
        verified.put(hash, new CachedKey(authenticated, validUntil));
        return Optional.of(authenticated);
    }

    /** Stops trusting cached keys of {@code orgId} (it was just disabled). */
    void forgetOrg(String orgId) {
        verified.values().removeIf(cached -> cached.key().actor().orgId().equals(orgId));
    }

    private void forgetKey(String keyId) {
        verified.values().removeIf(cached -> keyId.equals(cached.key().actor().keyId()));
    }
}
