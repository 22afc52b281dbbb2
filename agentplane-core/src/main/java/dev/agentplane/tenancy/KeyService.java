package dev.agentplane.tenancy;

import dev.agentplane.agents.AgentService;
import dev.agentplane.audit.AuditLog;
import dev.agentplane.common.Ids;
import dev.agentplane.common.Json;
import dev.agentplane.common.Page;
import dev.agentplane.common.PageRequest;
import dev.agentplane.store.Database;
import dev.agentplane.store.Sql;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** Creates keys, lists them, and turns a presented key into the {@link Actor} it stands for. */
public final class KeyService {
    /** How long a verified key is trusted without asking the database again; a cache hit costs no hashing. */
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
    private final ConcurrentHashMap<String, CachedActor> verified = new ConcurrentHashMap<>();

    private record CachedActor(Actor actor, long validUntil) {}

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
                orgs.insert(tx, orgId, "default", clock.millis());
                String keyId = Ids.newId();
                String key = fixedAdminKey != null ? fixedAdminKey : KeyMaterial.newKey(keyId);
                ApiKey stored = new ApiKey(keyId, orgId, KeyMaterial.prefix(key), "bootstrap admin",
                        Role.ADMIN.wireName(), null, Instant.ofEpochMilli(clock.millis()), null);
                keys.insert(tx, stored, KeyMaterial.hash(key));
                audit.record(tx, Actor.system(orgId), "org.bootstrap", "org", orgId, Json.object().put("name", "default"));
                keySink.accept(key);
                return true;
            });
        } catch (Sql.UniqueViolation anotherServerWon) {
            return false;
        }
    }

    public CreatedApiKey create(Actor actor, NewApiKey request) {
        request.validate();
        String keyId = Ids.newId();
        String key = KeyMaterial.newKey(keyId);
        ApiKey stored = new ApiKey(keyId, actor.orgId(), KeyMaterial.prefix(key), request.name(), request.role(),
                request.agentId(), Instant.ofEpochMilli(clock.millis()), null);
        database.inTransaction(tx -> {
            agents.requireAgent(tx, actor, "/agent_id", request.agentId());
            keys.insert(tx, stored, KeyMaterial.hash(key));
            audit.record(tx, actor, "key.create", "api_key", keyId,
                    Json.object().put("name", request.name()).put("role", request.role()));
            return null;
        });
        return new CreatedApiKey(keyId, key, stored.prefix(), stored.name(), stored.role(), stored.agentId(),
                stored.createdAt());
    }

    public Page<ApiKey> list(Actor actor, PageRequest page) {
        return database.read(sql -> keys.list(sql, actor.orgId(), page));
    }

    /**
     * The actor a presented key stands for; empty for an unknown, revoked or expired key. The lookup is by the
     * key's SHA-256, so its timing says nothing about how much of a guessed key was right.
     */
    public Optional<Actor> authenticate(String presentedKey) {
        long now = clock.millis();
        CachedActor cached = verified.get(presentedKey);
        if (cached != null && cached.validUntil() > now) {
            return Optional.of(cached.actor());
        }
        String hash = KeyMaterial.hash(presentedKey);
        Optional<ApiKey> key = database.read(sql -> keys.findByHash(sql, hash)
                .filter(stored -> stored.revokedAt() == null)
                .filter(stored -> stored.expiresAt() == null || stored.expiresAt() > now)
                .filter(stored -> orgs.statusOf(sql, stored.key().orgId()).filter("active"::equals).isPresent())
                .map(ApiKeyRepository.StoredKey::key));
        key.filter(k -> k.lastUsedAt() == null || now - k.lastUsedAt().toEpochMilli() > TOUCH_INTERVAL_MILLIS)
                .ifPresent(k -> database.inTransaction(tx -> {
                    keys.touch(tx, k.id(), now);
                    return null;
                }));
        Optional<Actor> actor = key.map(k -> new Actor(k.orgId(), k.id(), k.agentId(), Role.fromWire(k.role()), null));
        actor.ifPresent(a -> verified.put(presentedKey, new CachedActor(a, now + CACHE_MILLIS)));
        return actor;
    }
}
