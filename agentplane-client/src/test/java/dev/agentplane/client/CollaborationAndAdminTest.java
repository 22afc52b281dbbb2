package dev.agentplane.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentplane.client.model.ApiKey;
import dev.agentplane.client.model.CreatedApiKey;
import dev.agentplane.client.model.CreatedOrg;
import dev.agentplane.client.model.Escalation;
import dev.agentplane.client.model.Handoff;
import dev.agentplane.client.model.InterpretResult;
import dev.agentplane.client.model.NewApiKey;
import dev.agentplane.client.model.NewEscalation;
import dev.agentplane.client.model.NewHandoff;
import dev.agentplane.client.model.NewSchedule;
import dev.agentplane.client.model.OrgLimits;
import dev.agentplane.client.model.Schedule;
import dev.agentplane.client.model.ScheduleUpdate;
import dev.agentplane.client.model.TemplateSummary;
import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiTest;
import java.util.Map;

/** Handoffs, escalations, interpret, and the admin resources through the SDK, on SQLite and PostgreSQL. */
class CollaborationAndAdminTest {

    @ApiTest
    void agents_hand_work_off_escalate_to_humans_and_interpret_data(Api api) {
        AgentPlaneClient client = Clients.admin(api);
        Clients.Worker reader = Clients.worker(api, "read");
        Clients.Worker mailer = Clients.worker(api, "mail-" + Api.unique());

        Handoff handoff = reader.client().handoffs().create(NewHandoff.toAgent(reader.agentId(), mailer.agentId(),
                Map.of("invoice", "inv-1")).withReason("needs mailing"));
        assertThat(client.handoffs().list(Query.of("to_agent_id", mailer.agentId())).toList()).extracting(Handoff::id)
                .containsExactly(handoff.id());
        assertThat(mailer.client().handoffs().accept(handoff.id(), null).status()).isEqualTo("accepted");
        assertThat(mailer.client().handoffs().complete(handoff.id(), Map.of("sent", true)).result().get("sent").asBoolean()).isTrue();
        assertThat(client.handoffs().get(handoff.id()).status()).isEqualTo("completed");
        Handoff other = reader.client().handoffs().create(NewHandoff.toAgent(reader.agentId(), mailer.agentId(), Map.of()));
        assertThat(mailer.client().handoffs().reject(other.id(), "not mine").rejectionReason()).isEqualTo("not mine");

        Escalation escalation = client.escalate(NewEscalation.of("Vendor unknown", Map.of("invoice", "inv-1")).withPriority("high"));
        assertThat(client.escalations().list(Query.of("priority", "high")).stream().map(Escalation::id)).contains(escalation.id());
        assertThat(client.escalations().claim(escalation.id(), "ops@example.com").status()).isEqualTo("in_progress");
        Escalation resolved = client.escalations().resolve(escalation.id(), Map.of("vendor", "Acme"), "ops@example.com");
        assertThat(resolved.resolution().get("vendor").asText()).isEqualTo("Acme");
        assertThat(client.escalations().get(escalation.id()).status()).isEqualTo("resolved");
        assertThat(client.escalations().dismiss(client.escalate("duplicate", Map.of()).id(), "duplicate").status()).isEqualTo("dismissed");

        InterpretResult result = client.interpret("John Smith, email: John@Acme.com, he's 32",
                Map.of("name", "string", "email", "email", "age", "integer"));
        assertThat(result.success()).isTrue();
        assertThat(result.data().get("email").asText()).isEqualTo("john@acme.com");
        assertThat(result.strategyUsed()).isEqualTo("heuristic");
    }

    @ApiTest
    void keys_rotate_and_revoke_and_a_signed_key_signs_every_request(Api api) {
        AgentPlaneClient client = Clients.admin(api);

        CreatedApiKey signed = client.keys().create(NewApiKey.of("signer-" + Api.unique(), "developer").withSigning());
        assertThat(signed.signingSecret()).startsWith("aps_");
        AgentPlaneClient signing = AgentPlaneClient.builder().url(api.baseUrl()).apiKey(signed.key())
                .signingSecret(signed.signingSecret()).build();
        String namespace = "signed-" + Api.unique();
        signing.saveState(namespace, "k", Map.of("n", 1));
        assertThat(signing.state().keys(namespace, Query.of("prefix", "k")).toList()).hasSize(1);
        assertThatThrownBy(() -> Clients.as(api, signed.key()).loadState(namespace, "k"))
                .isInstanceOf(AgentPlaneException.Unauthorized.class);

        CreatedApiKey plain = client.keys().create(NewApiKey.of("plain-" + Api.unique(), "viewer"));
        assertThat(client.keys().list().stream().map(ApiKey::id)).contains(plain.id(), signed.id());
        CreatedApiKey rotated = client.keys().rotate(plain.id(), 0);
        assertThat(rotated.key()).isNotEqualTo(plain.key());
        assertThat(client.keys().revoke(rotated.id()).revokedAt()).isNotNull();
        assertThatThrownBy(() -> Clients.as(api, rotated.key()).agents().list().firstPage())
                .isInstanceOf(AgentPlaneException.Unauthorized.class);
    }

    @ApiTest
    void orgs_limits_usage_audit_and_secrets(Api api) {
        AgentPlaneClient client = Clients.admin(api);

        CreatedOrg created = client.orgs().create("tenant-" + Api.unique());
        assertThat(client.orgs().list().stream().map(org -> org.id())).contains(created.org().id());
        assertThat(client.orgs().get(created.org().id()).name()).isEqualTo(created.org().name());
        client.orgs().setQuota(created.org().id(), new OrgLimits(100L, null, null, null));
        assertThat(client.orgs().quota(created.org().id()).quota().monthlyExecutions()).isEqualTo(100);
        AgentPlaneClient tenant = Clients.as(api, created.adminKey().key());
        assertThat(tenant.limits().set(new OrgLimits(50L, null, null, null)).effective().monthlyExecutions()).isEqualTo(50);
        assertThat(tenant.limits().get().orgId()).isEqualTo(created.org().id());
        assertThat(client.orgs().disable(created.org().id()).status()).isEqualTo("disabled");

        var usage = client.usage().get(java.time.LocalDate.now(java.time.ZoneOffset.UTC).withDayOfMonth(1), null);
        assertThat(usage.totals().executionsStarted()).isNotNull();
        assertThat(usage.to()).isNotBlank();
        assertThat(client.audit().list(Query.of("action", "key.create")).stream().limit(1)).isNotEmpty();
        assertThat(client.audit().verify().valid()).isTrue();

        String secret = "TOKEN_" + Api.unique().toUpperCase();
        assertThat(client.secrets().put(secret, "s3cret").name()).isEqualTo(secret);
        assertThat(client.secrets().list()).extracting(s -> s.name()).contains(secret);
        client.secrets().delete(secret);
        assertThat(client.secrets().list()).extracting(s -> s.name()).doesNotContain(secret);
    }

    @ApiTest
    void schedules_templates_and_the_servers_own_endpoints(Api api) {
        AgentPlaneClient client = Clients.admin(api);
        String workflow = "sched-" + Api.unique();
        client.workflows().create("name: " + workflow + "\nsteps:\n  - {id: wait, type: sleep, duration: 1h}\n");

        Schedule schedule = client.schedules().create(NewSchedule.of("nightly-" + Api.unique(), workflow, "0 9 * * MON-FRI")
                .withTimezone("Europe/Paris"));
        assertThat(schedule.nextFireAt()).isNotNull();
        assertThat(client.schedules().list(Query.of("workflow", workflow)).toList()).extracting(Schedule::id).containsExactly(schedule.id());
        assertThat(client.schedules().update(schedule.id(), new ScheduleUpdate(null, null, null, "0 10 * * *", null, null, null, null))
                .cron()).isEqualTo("0 10 * * *");
        assertThat(client.schedules().pause(schedule.id()).paused()).isTrue();
        assertThat(client.schedules().resume(schedule.id()).paused()).isFalse();
        assertThat(client.schedules().get(schedule.id()).timezone()).isEqualTo("Europe/Paris");
        assertThat(client.schedules().fires(schedule.id()).toList()).isEmpty();
        client.schedules().delete(schedule.id());
        assertThatThrownBy(() -> client.schedules().get(schedule.id())).isInstanceOf(AgentPlaneException.NotFound.class);

        TemplateSummary template = client.templates().list().firstPage().items().getFirst();
        assertThat(client.templates().get(template.name()).source()).isNotBlank();
        String copy = "from-template-" + Api.unique();
        assertThat(client.templates().instantiate(template.name(), copy).name()).isEqualTo(copy);

        assertThat(client.health().get("status").asText()).isEqualTo("ok");
        assertThat(client.readiness().database()).isNotBlank();
        assertThat(client.workflowSchema().get("$schema").asText()).contains("json-schema.org");
        assertThat(client.teamSchema().get("$id").asText()).isNotBlank();
    }
}
