package dev.agentplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's resource commands against a real server over HTTP, on SQLite and PostgreSQL. */
class ResourceCommandsTest {
    @TempDir
    Path dir;

    @ApiTest
    void manages_agents_with_tables_by_default_and_json_on_request(Api api) {
        Remote cli = Remote.of(api);
        String name = "reader-" + Api.unique();

        CliRun registered = cli.run("agents", "register", name, "--capability", "ocr", "--capability", "pdf", "--framework", "crewai");
        String id = cli.json("agents", "list", "--capability", "ocr").get("items").get(0).get("id").asText();
        CliRun table = cli.run("agents", "list", "--framework", "crewai");

        assertThat(registered.exitCode()).as(registered.err()).isZero();
        assertThat(registered.out()).contains("name          " + name).contains("capabilities  ocr, pdf");
        assertThat(table.out().lines().findFirst().orElseThrow()).startsWith("ID").contains("NAME", "STATUS", "CAPABILITIES");
        assertThat(table.out()).contains(name, "active", "ocr, pdf");
        assertThat(cli.json("agents", "update", id, "--capability", "ocr").get("capabilities")).hasSize(1);
        assertThat(cli.json("agents", "heartbeat", id).get("last_seen").isNull()).isFalse();
        assertThat(cli.json("agents", "get", id).get("name").asText()).isEqualTo(name);
        assertThat(cli.json("agents", "deactivate", id).get("status").asText()).isEqualTo("inactive");
    }

    @ApiTest
    void state_keeps_versions_and_a_stale_write_fails_with_the_servers_reason(Api api) {
        Remote cli = Remote.of(api);
        String ns = "notes" + Api.unique().substring(0, 6);

        assertThat(cli.json("state", "set", ns, "plan", "{steps: [a, b]}").get("version").asLong()).isEqualTo(1);
        CliRun stale = cli.run("state", "set", ns, "plan", "done", "--if-version", "7");
        JsonNode second = cli.json("state", "set", ns, "plan", "done", "--if-version", "1", "--ttl", "2h");

        assertThat(stale.exitCode()).isEqualTo(1);
        assertThat(stale.err()).contains("412", "version 1");
        assertThat(second.get("value").asText()).isEqualTo("done");
        assertThat(second.get("expires_at").isNull()).isFalse();
        assertThat(cli.json("state", "get", ns, "plan").get("version").asLong()).isEqualTo(2);
        assertThat(cli.run("state", "list", ns).out()).contains("plan");
        assertThat(cli.run("state", "delete", ns, "plan").exitCode()).isZero();
        CliRun gone = cli.run("state", "get", ns, "plan");
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.err()).contains("no value at " + ns + "/plan");
    }

    @ApiTest
    void runs_an_approval_workflow_watched_live_and_resolved_from_the_cli(Api api) throws Exception {
        Remote cli = Remote.of(api);
        String workflow = "deploy-" + Api.unique().substring(0, 8);
        Path file = dir.resolve("deploy.yaml");
        Files.writeString(file, """
                name: %s
                inputs:
                  env: {type: string}
                steps:
                  - {id: ask, type: approval, reason: "Deploy to ${{ inputs.env }}?"}
                  - {id: done, type: set, values: {deployed: "${{ inputs.env }}", by: "${{ steps.ask.output.resolution.by }}"}}
                outputs:
                  result: "${{ steps.done.output }}"
                """.formatted(workflow));

        assertThat(cli.json("workflows", "create", file.toString()).get("version").asInt()).isEqualTo(1);
        assertThat(cli.run("workflows", "get", workflow, "--source").out()).contains("type: approval");
        String execution = cli.id("executions", "start", workflow, "--input", "{env: staging}");
        CompletableFuture<CliRun> watch = CompletableFuture.supplyAsync(() -> cli.run("executions", "watch", execution));
        String escalation = cli.json("escalations", "list", "--status", "open").get("items").get(0).get("id").asText();
        CliRun resolved = cli.run("escalations", "resolve", escalation, "--resolution", "{approved: true, by: alice}", "--by", "alice");
        CliRun watched = watch.get(60, TimeUnit.SECONDS);

        assertThat(resolved.exitCode()).as(resolved.err()).isZero();
        assertThat(watched.exitCode()).as(watched.err()).isZero();
        assertThat(watched.out()).contains("execution.started", "step.completed", "execution.completed", "completed")
                .contains("\"deployed\":\"staging\"");
        assertThat(cli.json("executions", "get", execution).at("/output/result/deployed").asText()).isEqualTo("staging");
        assertThat(cli.run("executions", "steps", execution).out()).contains("ask", "done", "completed");
        assertThat(cli.json("executions", "events", execution).get("items").size()).isGreaterThanOrEqualTo(4);
        assertThat(cli.run("executions", "list", "--workflow", workflow).out()).contains(execution, "completed");
    }

    @ApiTest
    void an_agent_claims_heartbeats_and_completes_a_task_step(Api api) {
        Remote cli = Remote.of(api);
        String capability = "summarize-" + Api.unique().substring(0, 8);
        String agent = cli.id("agents", "register", "summarizer-" + Api.unique(), "--capability", capability);
        String agentKey = cli.json("keys", "create", "summarizer-key-" + Api.unique(), "--role", "agent", "--agent", agent)
                .get("key").asText();
        String workflow = "summarize-" + Api.unique().substring(0, 8);
        Path file = dir.resolve("summarize.yaml");
        writeTaskWorkflow(file, workflow, capability);
        cli.json("workflows", "create", file.toString());
        String execution = cli.id("executions", "start", workflow, "--input", "{text: hello}");

        Remote worker = cli.as(agentKey);
        JsonNode task = worker.json("tasks", "claim", "--capability", capability, "--wait", "10", "--lease", "60");
        String taskId = task.get("id").asText();
        worker.json("tasks", "heartbeat", taskId, "--lease", "120");
        CliRun completed = worker.run("tasks", "complete", taskId, "--result", "{summary: hi}");
        CliRun waited = cli.run("executions", "start", workflow, "--input", "{text: again}", "--wait", "--timeout", "1s");

        assertThat(task.at("/input/text").asText()).isEqualTo("hello");
        assertThat(completed.exitCode()).as(completed.err()).isZero();
        assertThat(cli.json("executions", "get", execution).get("status").asText()).isIn("running", "completed");
        assertThat(cli.run("tasks", "list", "--capability", capability).out()).contains(taskId, "completed");
        assertThat(waited.exitCode()).as("--wait gives up after its timeout and says so").isEqualTo(1);
        assertThat(cli.run("tasks", "claim", "--capability", "nobody-" + Api.unique()).exitCode()).isEqualTo(1);
    }

    private static void writeTaskWorkflow(Path file, String workflow, String capability) {
        try {
            Files.writeString(file, """
                    name: %s
                    inputs:
                      text: {type: string}
                    steps:
                      - {id: work, type: task, capability: %s, input: {text: "${{ inputs.text }}"}}
                    """.formatted(workflow, capability));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ApiTest
    void hands_work_between_agents(Api api) {
        Remote cli = Remote.of(api);
        String from = cli.id("agents", "register", "triage-" + Api.unique());
        String to = cli.id("agents", "register", "billing-" + Api.unique());

        String handoff = cli.id("handoffs", "create", "--from", from, "--to", to, "--context", "{invoice: 42}", "--reason", "billing question");
        assertThat(cli.run("handoffs", "list", "--to", to).out()).contains(handoff, "pending");
        assertThat(cli.json("handoffs", "accept", handoff, "--agent", to).get("status").asText()).isEqualTo("accepted");
        assertThat(cli.json("handoffs", "complete", handoff, "--result", "{refunded: true}").at("/result/refunded").asBoolean()).isTrue();
        assertThat(cli.json("handoffs", "get", handoff).get("status").asText()).isEqualTo("completed");
        String refused = cli.id("handoffs", "create", "--from", from, "--to-capability", "legal");
        assertThat(cli.json("handoffs", "reject", refused, "--reason", "not ours").get("status").asText()).isEqualTo("rejected");
    }

    @ApiTest
    void escalations_are_created_claimed_and_dismissed(Api api) {
        Remote cli = Remote.of(api);
        String id = cli.id("escalations", "create", "--reason", "Refund above limit", "--context", "{amount: 900}", "--priority", "high");

        assertThat(cli.run("escalations", "list", "--priority", "high").out()).contains(id, "Refund above limit");
        assertThat(cli.json("escalations", "claim", id, "--assignee", "bob").get("assigned_to").asText()).isEqualTo("bob");
        assertThat(cli.json("escalations", "dismiss", id, "--reason", "duplicate").get("status").asText()).isEqualTo("dismissed");
        assertThat(cli.json("escalations", "get", id).get("dismiss_reason").asText()).isEqualTo("duplicate");
    }

    @ApiTest
    void interpret_runs_on_the_server_when_given_one(Api api) throws Exception {
        Path schema = dir.resolve("person.json");
        Path note = dir.resolve("note.txt");
        Files.writeString(schema, "{\"name\": \"string\", \"email\": \"email\"}");
        Files.writeString(note, "Name: Ada Lovelace\nEmail: ada@example.com\n");

        CliRun run = CliRun.of("interpret", "--schema", schema.toString(), note.toString(), "--server", api.baseUrl(),
                "--api-key", api.key(), "--output", "json");
        CliRun refused = CliRun.of("interpret", "--schema", schema.toString(), note.toString(), "--server", api.baseUrl(),
                "--api-key", api.key(), "--strategy", "psychic");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(dev.agentplane.common.Json.parse(run.out()).at("/data/email").asText()).isEqualTo("ada@example.com");
        assertThat(Remote.of(api).run("usage").out()).contains("API CALLS");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("(400)", "strategy");
    }

    @ApiTest
    void bad_input_is_the_servers_problem_with_the_field_and_its_fix(Api api) {
        Remote cli = Remote.of(api);

        CliRun invalid = cli.run("agents", "register", "not a name!");
        CliRun badJson = cli.run("state", "set", "ns", "key", "{unclosed");
        CliRun unauthorized = cli.as("ap_nope_000000000000").run("agents", "list");
        CliRun missing = cli.run("executions", "get", "01933b9a-0000-7000-8000-000000000000");

        assertThat(invalid.exitCode()).isEqualTo(1);
        assertThat(invalid.err()).contains("(400)", "/name", "fix:");
        assertThat(badJson.exitCode()).isEqualTo(2);
        assertThat(badJson.err()).contains("VALUE is not valid JSON or YAML").contains("Usage: agentplane state set");
        assertThat(unauthorized.exitCode()).isEqualTo(1);
        assertThat(unauthorized.err()).contains("(401)");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("(404)");
    }
}
