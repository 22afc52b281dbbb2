package dev.agentplane.tenancy;

import dev.agentplane.audit.AuditLog;
import dev.agentplane.common.Ids;
import dev.agentplane.common.Json;
import dev.agentplane.common.Page;
import dev.agentplane.common.PageRequest;
import dev.agentplane.common.problems.NotFoundException;
import dev.agentplane.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Creates keys, lists them, and turns a presented key into the {@link Actor} it stands for. */
public final class KeyService {
    /** How long a verified key is trusted without asking the database again. */
    private static final long CACHE_MILLIS = 5_000;
    /** last_used_at is a hint, so it is written at most this often per key, not on every request. */
    private static final long TOUCH_INTERVAL_MILLIS = 60_000;

    private final Database database;
    private final AuditLog audit;
    private final Clock clock;
    private final ApiKeyRepository keys = new ApiKeyRepository();
    private final OrgRepository orgs = new OrgRepository();
    private final ConcurrentHashMap<String, CachedActor> verified = new ConcurrentHashMap<>();

    private record CachedActor(Actor actor, long validUntil) {}

    public KeyService(Database database, AuditLog audit, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * On an empty database, creates org {@code default} and its first admin key. Returns that key (the given
     * one when {@code fixedAdminKey} is set), or empty when the database was already set up.
     */
    public Optional<String> bootstrap(String fixedAdminKey) {
        return database.inTransaction(tx -> {
            if (orgs.anyExists(tx)) {
                return Optional.empty();
            }
            String orgId = Ids.newId();
            orgs.insert(tx, orgId, "default", clock.millis());
            String keyId = Ids.newId();
            String key = fixedAdminKey != null ? fixedAdminKey : KeyMaterial.newKey(keyId);
            ApiKey stored = new ApiKey(keyId, orgId, KeyMaterial.prefix(key), "bootstrap admin",
                    Role.ADMIN.wireName(), null, Instant.ofEpochMilli(clock.millis()), null);
            keys.insert(tx, stored, KeyMaterial.hash(key));
            audit.record(tx, Actor.system(orgId), "org.bootstrap", "org", orgId, Json.object().put("name", "default"));
            return Optional.of(key);
        });
    }

    public CreatedApiKey create(Actor actor, NewApiKey request) {
        request.validate();
        String keyId = Ids.newId();
        String key = KeyMaterial.newKey(keyId);
        ApiKey stored = new ApiKey(keyId, actor.orgId(), KeyMaterial.prefix(key), request.name(), request.role(),
                request.agentId(), Instant.ofEpochMilli(clock.millis()), null);
        database.inTransaction(tx -> {
            if (request.agentId() != null && tx.count("SELECT COUNT(*) AS n FROM agents WHERE org_id = ? AND id = ?",
                    actor.orgId(), request.agentId()) == 0) {
                throw NotFoundException.referenced("/agent_id", "agent", request.agentId());
            }
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

    /** The actor a presented key stands for; empty for an unknown, revoked or expired key. */
    public Optional<Actor> authenticate(String presentedKey) {
        String hash = KeyMaterial.hash(presentedKey);
        long now = clock.millis();
        CachedActor cached = verified.get(hash);
        if (cached != null && cached.validUntil() > now) {
            return Optional.of(cached.actor());
        }
        Optional<Actor> actor = database.read(sql -> keys.findByHash(sql, hash)
                .filter(stored -> KeyMaterial.sameHash(stored.hash(), hash))
                .filter(stored -> stored.revokedAt() == null)
                .filter(stored -> stored.expiresAt() == null || stored.expiresAt() > now)
                .filter(stored -> orgs.statusOf(sql, stored.key().orgId()).filter("active"::equals).isPresent())
                .map(stored -> {
                    Instant lastUsed = stored.key().lastUsedAt();
                    if (lastUsed == null || now - lastUsed.toEpochMilli() > TOUCH_INTERVAL_MILLIS) {
                        keys.touch(sql, stored.key().id(), now);
                    }
                    return new Actor(stored.key().orgId(), stored.key().id(), stored.key().agentId(),
                            Role.fromWire(stored.key().role()), null);
                }));
        actor.ifPresent(a -> verified.put(hash, new CachedActor(a, now + CACHE_MILLIS)));
        return actor;
    }
}
