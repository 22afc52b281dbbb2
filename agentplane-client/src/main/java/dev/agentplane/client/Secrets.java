package dev.agentplane.client;

import com.fasterxml.jackson.databind.JavaType;
import dev.agentplane.client.internal.Json;
import dev.agentplane.client.model.Page;
import dev.agentplane.client.model.Secret;
import java.util.List;
import java.util.Map;

/** Secrets for tools and workflows (values are write-only): {@code client.secrets()}. */
public final class Secrets {
    private final Transport transport;

    Secrets(Transport transport) {
        this.transport = transport;
    }

    @Operation("listSecrets")
    public List<Secret> list() {
        JavaType type = Json.MAPPER.getTypeFactory().constructParametricType(Page.class, Secret.class);
        Page<Secret> page = Json.read(transport.exchange(Call.get("/v1/secrets")).body(), type);
        return page.items();
    }

    /** Creates or replaces the secret. */
    @Operation("putSecret")
    public Secret put(String name, String value) {
        return transport.send(Call.put(Call.path("v1", "secrets", name)).json(Map.of("value", value)), Secret.class);
    }

    @Operation("deleteSecret")
    public void delete(String name) {
        transport.sendIgnoringBody(Call.delete(Call.path("v1", "secrets", name)));
    }
}
