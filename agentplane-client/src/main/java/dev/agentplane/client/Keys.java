package dev.agentplane.client;

import dev.agentplane.client.model.ApiKey;
import dev.agentplane.client.model.CreatedApiKey;
import dev.agentplane.client.model.NewApiKey;
import java.util.Map;

/** API keys of the organization: {@code client.keys()}. */
public final class Keys {
    private final Transport transport;

    Keys(Transport transport) {
        this.transport = transport;
    }

    /** A new key; {@link CreatedApiKey#key()} (and its signing secret) are shown only in this answer. */
    @Operation("createApiKey")
    public CreatedApiKey create(NewApiKey key) {
        return transport.send(Call.post("/v1/keys").json(key), CreatedApiKey.class);
    }

    public Paged<ApiKey> list() {
        return list(Query.NONE);
    }

    @Operation("listApiKeys")
    public Paged<ApiKey> list(Query query) {
        return transport.paged(Call.get("/v1/keys").query(query), ApiKey.class);
    }

    @Operation("revokeApiKey")
    public ApiKey revoke(String keyId) {
        return transport.send(Call.post(Call.path("v1", "keys", keyId, "revoke")), ApiKey.class);
    }

    /** A new key replacing this one, which goes on working for {@code graceSeconds} (null: the server's default). */
    @Operation("rotateApiKey")
    public CreatedApiKey rotate(String keyId, Integer graceSeconds) {
        return transport.send(Call.post(Call.path("v1", "keys", keyId, "rotate"))
                .json(graceSeconds == null ? Map.of() : Map.of("grace_seconds", graceSeconds)), CreatedApiKey.class);
    }
}
