package dev.agentplane.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;

/** Keys, organizations, limits, secrets, audit, usage, schedules, templates, versions and execution controls. */
class AdminCommandsTest {
    @TempDir
    Path dir;

    @ApiTest
    void keys_are_created_rotated_and_revoked_and_the_audit_log_shows_it(Api api) {
        Remote cli = Remote.of(api);
        String name = "ci-" + Api.unique();

        JsonNode created = cli.json("keys", "create", name, "--role", "viewer");
        String id = created.get("id").asText();
        JsonNode rotated = cli.json("keys", "rotate", id, "--grace-seconds", "0");

        assertThat(created.get("key").asText()).startsWith("ap_");
        assertThat(rotated.get("key").asText()).isNotEqualTo(created.get("key").asText());
        assertThat(cli.as(rotated.get("key").asText()).run("agents", "list").exitCode()).isZero();
        assertThat(cli.run("keys", "list").out()).contains(name, "viewer");
        assertThat(cli.json("keys", "revoke", rotated.get("id").asText()).get("revoked_at").isNull()).isFalse();
        assertThat(cli.as(rotated.get("key").asText()).run("agents", "list").exitCode()).isEqualTo(1);
        assertThat(cli.run("audit", "list", "--resource-type", "api_key").out()).contains("key.create", "key.rotate", "key.revoke");
        assertThat(cli.run("audit", "verify").exitCode()).isZero();
    }

    @ApiTest
    void organizations_quotas_limits_secrets_and_usage(Api api) {
        Remote cli = Remote.of(api);
        String org = "acme-" + Api.unique().substring(0, 8);

        JsonNode created = cli.json("orgs", "create", org);
        String orgId = created.at("/org/id").asText();
        assertThat(created.at("/admin_key/key").asText()).startsWith("ap_");
        assertThat(cli.run("orgs", "list", "--all").out()).contains(org);
        assertThat(cli.json("orgs", "set-quota", orgId, "--monthly-executions", "1000").at("/quota/monthly_executions").asLong())
                .isEqualTo(1000);
        assertThat(cli.json("orgs", "quota", orgId).at("/quota/monthly_executions").asLong()).isEqualTo(1000);
        assertThat(cli.json("orgs", "get", orgId).get("name").asText()).isEqualTo(org);
        assertThat(cli.json("orgs", "disable", orgId).get("status").asText()).isEqualTo("disabled");

        assertThat(cli.json("limits", "set", "--monthly-tokens", "5000000", "--rate-limit", "agent=600")
                .at("/limits/monthly_tokens").asLong()).isEqualTo(5_000_000);
        assertThat(cli.run("limits", "get").out()).contains("5000000");

        String secret = "TOKEN_" + Api.unique().substring(0, 6).toUpperCase();
        assertThat(cli.run("secrets", "set", secret, "--value", "s3cr3t").exitCode()).isZero();
        CliRun secrets = cli.run("secrets", "list");
        assertThat(secrets.out()).contains(secret).doesNotContain("s3cr3t");
        assertThat(cli.run("secrets", "delete", secret).exitCode()).isZero();

        assertThat(cli.json("usage").at("/totals/api_calls").asLong()).isPositive();
        assertThat(cli.run("usage").out()).contains("DAY", "API CALLS", "total:");
    }

    @ApiTest
    void templates_schedules_versions_and_rollouts(Api api) throws Exception {
        Remote cli = Remote.of(api);
        String workflow = "chat-" + Api.unique().substring(0, 8);

        assertThat(cli.run("templates", "list").out()).contains("human_in_loop", "data_extraction");
        assertThat(cli.run("templates", "get", "human_in_loop", "--source").out()).contains("steps:");
        assertThat(cli.json("templates", "instantiate", "human_in_loop", "--name", workflow).get("name").asText()).isEqualTo(workflow);
        Path v2 = dir.resolve("v2.yaml");
        Files.writeString(v2, cli.run("workflows", "get", workflow, "--source").out());
        assertThat(cli.json("workflows", "create", v2.toString()).get("version").asInt()).isEqualTo(2);
        assertThat(cli.run("workflows", "versions", workflow).out()).contains(workflow);
        assertThat(cli.json("workflows", "version", workflow, "1").get("version").asInt()).isEqualTo(1);
        assertThat(cli.json("workflows", "set-rollout", workflow, "1=90", "2=10").get("versions")).hasSize(2);
        assertThat(cli.run("workflows", "rollout", workflow).out()).contains("90");
        assertThat(cli.run("workflows", "compare", workflow).exitCode()).isZero();
        assertThat(cli.run("workflows", "clear-rollout", workflow).exitCode()).isZero();
        assertThat(cli.json("workflows", "deactivate", workflow, "1").get("active").asBoolean()).isFalse();
        assertThat(cli.run("workflows", "list", "--name-prefix", workflow).out()).contains(workflow);

        String schedule = cli.id("schedules", "create", "nightly-" + Api.unique().substring(0, 6), "--workflow", workflow,
                "--cron", "0 3 * * *", "--timezone", "Europe/Berlin", "--input", "{request_id: nightly}");
        assertThat(cli.run("schedules", "list", "--workflow", workflow).out()).contains("0 3 * * *", "Europe/Berlin");
        assertThat(cli.json("schedules", "update", schedule, "--cron", "30 3 * * *").get("cron").asText()).isEqualTo("30 3 * * *");
        assertThat(cli.json("schedules", "pause", schedule).get("paused").asBoolean()).isTrue();
        assertThat(cli.json("schedules", "resume", schedule).get("paused").asBoolean()).isFalse();
        assertThat(cli.json("schedules", "get", schedule).get("timezone").asText()).isEqualTo("Europe/Berlin");
        assertThat(cli.run("schedules", "fires", schedule).out()).contains("FIRE AT");
        assertThat(cli.run("schedules", "delete", schedule).exitCode()).isZero();
    }

    @ApiTest
    void executions_are_controlled_and_agents_report_their_own_work(Api api) throws Exception {
        Remote cli = Remote.of(api);
        String workflow = "waits-" + Api.unique().substring(0, 8);
        Path file = dir.resolve("waits.yaml");
        Files.writeString(file, """
                name: %s
                steps:
                  - {id: wait, type: approval, reason: later}
                """.formatted(workflow));
        cli.json("workflows", "create", file.toString());

        String first = cli.id("executions", "start", workflow, "--idempotency-key", "k-" + Api.unique());
        assertThat(cli.json("executions", "pause", first).get("status").asText()).isEqualTo("paused");
        assertThat(cli.json("executions", "resume", first).get("status").asText()).isEqualTo("running");
        assertThat(cli.json("executions", "cancel", first, "--reason", "not needed").get("status").asText()).isEqualTo("cancelled");
        assertThat(cli.json("executions", "replay", first).get("id").asText()).isNotEqualTo(first);

        String failing = "fails-" + Api.unique().substring(0, 8);
        Path failFile = dir.resolve("fails.yaml");
        Files.writeString(failFile, "name: " + failing + "\nsteps:\n  - {id: boom, type: fail, message: broken}\n");
        cli.json("workflows", "create", failFile.toString());
        CliRun failed = cli.run("executions", "start", failing, "--wait", "--timeout", "30s");
        String failedId = cli.json("executions", "list", "--workflow", failing).at("/items/0/id").asText();
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(cli.run("executions", "dead-letters").out()).contains(failedId);
        assertThat(cli.json("executions", "retry", failedId).get("id").asText()).isEqualTo(failedId);
        assertThat(cli.run("executions", "observe", "--workflow", failing).out()).contains("total");

        String agent = cli.id("agents", "register", "solo-" + Api.unique());
        String external = "team." + Api.unique().substring(0, 8);
        Path externalFile = dir.resolve("external.yaml");
        Files.writeString(externalFile, "name: " + external + "\nsteps:\n  - {id: run, type: wait_until, until: '2099-01-01T00:00:00Z'}\n");
        cli.json("workflows", "create", externalFile.toString());
        String own = cli.id("executions", "start", external, "--agent", agent);
        CompletableFuture<CliRun> stream = CompletableFuture.supplyAsync(() ->
                cli.run("events", "stream", "--execution", own, "--type", "llm.call", "--count", "1", "-o", "json"));
        // the stream sees events recorded after its socket opened: record until it has one
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            assertThat(cli.json("executions", "event", own, "--type", "llm.call", "--tokens-in", "120", "--tokens-out", "30",
                    "--cost-usd", "0.002").get("tokens_in").asLong()).isEqualTo(120);
            return stream.isDone();
        });
        assertThat(cli.json("events", "record", "--execution", own, "--type", "tool.used", "--message", "ran terraform")
                .get("type").asText()).isEqualTo("tool.used");
        assertThat(stream.get(30, TimeUnit.SECONDS).out()).contains("llm.call");
        assertThat(cli.json("executions", "complete", own, "--result", "{ok: true}").get("status").asText()).isEqualTo("completed");
        String another = cli.id("executions", "start", external);
        assertThat(cli.json("executions", "fail", another, "--error", "model down").get("status").asText()).isEqualTo("failed");
    }
}
