package dev.agentplane.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentplane.common.PageRequest;
import dev.agentplane.common.problems.NotFoundException;
import dev.agentplane.testing.AcrossDatabases;
import dev.agentplane.testing.TestPlane;
import java.util.ArrayList;
import java.util.List;

class KeyServiceTest {

    @AcrossDatabases
    void a_created_key_authenticates_as_its_org_role_and_agent(TestPlane t) {
        String agentId = t.plane().agents().register(t.actor(),
                new dev.agentplane.agents.AgentFields("worker", null, null, null, null)).id();

        CreatedApiKey key = t.plane().keys().create(t.actor(), new NewApiKey("worker key", "agent", agentId));

        Actor actor = t.plane().keys().authenticate(key.key()).orElseThrow();
        assertThat(actor.orgId()).isEqualTo(t.actor().orgId());
        assertThat(actor.role()).isEqualTo(Role.AGENT);
        assertThat(actor.agentId()).isEqualTo(agentId);
        assertThat(key.key()).startsWith("ap_").startsWith(key.prefix());
    }

    @AcrossDatabases
    void only_a_hash_of_the_key_is_stored(TestPlane t) {
        CreatedApiKey key = t.plane().keys().create(t.actor(), new NewApiKey("ci", "developer", null));

        long matches = t.database().read(sql -> sql.count(
                "SELECT COUNT(*) AS n FROM api_keys WHERE key_hash = ? OR prefix = ?", key.key(), key.key()));
        assertThat(matches).isZero();
        assertThat(t.plane().keys().authenticate(key.key() + "x")).isEmpty();
    }

    @AcrossDatabases
    void a_key_cannot_be_bound_to_an_agent_of_another_org(TestPlane t) {
        String foreignAgent = t.plane().agents().register(t.otherOrg(),
                new dev.agentplane.agents.AgentFields("foreign", null, null, null, null)).id();

        assertThatThrownBy(() -> t.plane().keys().create(t.actor(), new NewApiKey("k", "agent", foreignAgent)))
                .isInstanceOfSatisfying(NotFoundException.class,
                        e -> assertThat(e.errors().get(0).pointer()).isEqualTo("/agent_id"));
    }

    @AcrossDatabases
    void bootstrap_happens_once_and_not_at_all_if_the_key_cannot_be_saved(TestPlane t) {
        // The shared test database already holds orgs, so bootstrap must find it set up and do nothing.
        List<String> sunk = new ArrayList<>();

        assertThat(t.plane().keys().bootstrap(null, sunk::add)).isFalse();
        assertThat(sunk).isEmpty();
    }

    @AcrossDatabases
    void a_short_fixed_bootstrap_key_is_refused(TestPlane t) {
        assertThatThrownBy(() -> t.plane().keys().bootstrap("short", key -> {}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least");
    }

    @AcrossDatabases
    void lists_keys_of_the_own_org_only_without_secrets(TestPlane t) {
        t.plane().keys().create(t.actor(), new NewApiKey("one", "viewer", null));
        t.plane().keys().create(t.otherOrg(), new NewApiKey("other", "viewer", null));

        var keys = t.plane().keys().list(t.actor(), PageRequest.first(10)).items();

        assertThat(keys).extracting(ApiKey::name).containsExactly("one");
    }
}
