package dev.agentplane.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentplane.client.model.Agent;
import dev.agentplane.client.model.AgentUpdate;
import dev.agentplane.client.model.NewAgent;
import dev.agentplane.client.model.Page;
import dev.agentplane.client.model.StateEntry;
import dev.agentplane.client.model.StateWrite;
import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Agents and state through the SDK against a real server, on SQLite and PostgreSQL. */
class AgentsAndStateTest {

    @ApiTest
    void registers_lists_across_pages_updates_and_deactivates_agents(Api api) {
        AgentPlaneClient client = Clients.admin(api);
        String capability = "ocr-" + Api.unique();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(client.agents().register(NewAgent.named("reader-" + Api.unique()).withFramework("langchain")
                    .withCapabilities(capability).withConfig(Map.of("model", "m" + i))).id());
        }

        Paged<Agent> listed = client.agents().list(Query.of("capability", capability).limit(2));
        Page<Agent> first = listed.firstPage();
        assertThat(first.items()).hasSize(2);
        assertThat(first.nextCursor()).isNotNull();
        assertThat(listed.stream().map(Agent::id)).containsExactlyInAnyOrderElementsOf(ids);

        Agent agent = client.agents().get(ids.get(0));
        assertThat(agent.framework()).isEqualTo("langchain");
        assertThat(agent.config().get("model").asText()).isEqualTo("m0");
        assertThat(client.agents().update(agent.id(), AgentUpdate.capabilities("ocr", "pdf")).capabilities())
                .containsExactly("ocr", "pdf");
        assertThat(client.agents().heartbeat(agent.id()).lastSeen()).isNotNull();
        assertThat(client.agents().deactivate(agent.id()).status()).isEqualTo("inactive");
    }

    @ApiTest
    void problems_arrive_as_typed_exceptions_naming_the_field(Api api) {
        AgentPlaneClient client = Clients.admin(api);

        assertThatThrownBy(() -> client.agents().register(NewAgent.named("not a name!")))
                .isInstanceOfSatisfying(AgentPlaneException.BadRequest.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errors()).anySatisfy(error -> {
                        assertThat(error.pointer()).isEqualTo("/name");
                        assertThat(error.fix()).isNotBlank();
                    });
                    assertThat(e.requestId()).isPresent();
                });
        assertThatThrownBy(() -> client.agents().get("01933b9a-0000-7000-8000-000000000000"))
                .isInstanceOf(AgentPlaneException.NotFound.class);
        assertThatThrownBy(() -> Clients.as(api, "ap_nope_nope").agents().list().firstPage())
                .isInstanceOf(AgentPlaneException.Unauthorized.class);
        assertThatThrownBy(() -> Clients.as(api, api.newKey("viewer")).agents().register(NewAgent.named("x-" + Api.unique())))
                .isInstanceOf(AgentPlaneException.Forbidden.class);
    }

    @ApiTest
    void state_is_saved_loaded_and_guarded_by_its_version(Api api) {
        AgentPlaneClient client = Clients.admin(api);
        String namespace = "checkout-" + Api.unique();

        StateEntry saved = client.saveState(namespace, "cart:42", Map.of("items", 3));
        assertThat(saved.version()).isEqualTo(1);
        assertThat(client.loadState(namespace, "cart:42")).hasValueSatisfying(value -> assertThat(value.get("items").asInt()).isEqualTo(3));
        assertThat(client.loadState(namespace, "absent")).isEmpty();

        StateEntry updated = client.saveState(namespace, "cart:42", Map.of("items", 4), StateWrite.ifVersion(saved.version()));
        assertThat(updated.version()).isEqualTo(2);
        assertThatThrownBy(() -> client.saveState(namespace, "cart:42", Map.of("items", 5), StateWrite.ifVersion(1)))
                .isInstanceOfSatisfying(AgentPlaneException.PreconditionFailed.class,
                        e -> assertThat(e.currentVersion()).contains(2L));
        assertThatThrownBy(() -> client.saveState(namespace, "cart:42", 1, StateWrite.ifAbsent()))
                .isInstanceOf(AgentPlaneException.PreconditionFailed.class);
        StateEntry expiring = client.saveState(namespace, "cart:43", "x", StateWrite.ttl(Duration.ofHours(1)));
        assertThat(expiring.expiresAt()).isNotNull();

        assertThat(client.state().keys(namespace, Query.of("prefix", "cart:")).stream().map(k -> k.key()))
                .containsExactly("cart:42", "cart:43");
        assertThatThrownBy(() -> client.state().delete(namespace, "cart:42", 1L))
                .isInstanceOf(AgentPlaneException.PreconditionFailed.class);
        client.state().delete(namespace, "cart:42", 2L);
        client.state().delete(namespace, "cart:43");
        assertThat(client.state().get(namespace, "cart:42")).isEmpty();
        assertThatThrownBy(() -> client.state().delete(namespace, "cart:42")).isInstanceOf(AgentPlaneException.NotFound.class);
    }
}
