package dev.agentplane.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentplane.AgentPlane;
import dev.agentplane.common.PageRequest;
import dev.agentplane.common.problems.InvalidInputException;
import dev.agentplane.common.problems.NotFoundException;
import dev.agentplane.executions.Execution;
import dev.agentplane.executions.StartExecution;
import dev.agentplane.testing.AcrossDatabases;
import dev.agentplane.testing.TestPlane;
import dev.agentplane.workflows.WorkflowFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SecretsTest {
    private static final String TOKEN = "tok-" + UUID.randomUUID();

    private static Execution run(TestPlane t, AgentPlane plane, String yaml) {
        String name = "sec-" + UUID.randomUUID().toString().substring(0, 8);
        plane.workflows().create(t.actor(), WorkflowFormat.YAML, "name: " + name + "\n" + yaml);
        Execution started = plane.executions().start(t.actor(), new StartExecution(name, null, null, null));
        plane.engine().runUntilIdle();
        return plane.executions().get(t.actor(), started.id());
    }

    /** Every text column of the rows a run wrote: the secret's value must be in none of them. */
    private static List<String> storedText(TestPlane t) {
        return t.database().read(sql -> sql.list("""
                SELECT COALESCE(CAST(output AS TEXT), '') || COALESCE(error, '') || COALESCE(CAST(state AS TEXT), '') AS text FROM step_runs
                UNION ALL SELECT COALESCE(CAST(output AS TEXT), '') || COALESCE(error, '') FROM executions
                UNION ALL SELECT COALESCE(CAST(data AS TEXT), '') || COALESCE(message, '') FROM events
                UNION ALL SELECT COALESCE(CAST(details AS TEXT), '') FROM audit_log
                UNION ALL SELECT sealed FROM secrets""", row -> row.string("text")));
    }

    @AcrossDatabases
    void secrets_are_write_only_and_encrypted_at_rest(TestPlane t) {
        SecretService secrets = t.plane().secrets();

        assertThat(secrets.put(t.actor(), "api_token", new PutSecret(TOKEN))).isTrue();
        assertThat(secrets.put(t.actor(), "api_token", new PutSecret(TOKEN))).isFalse();
        assertThat(secrets.list(t.actor())).extracting(Secret::name).containsExactly("api_token");
        assertThat(secrets.list(t.otherOrg())).isEmpty();
        assertThat(storedText(t)).noneMatch(text -> text.contains(TOKEN));
        assertThatThrownBy(() -> secrets.put(t.actor(), "not-a-name", new PutSecret("x")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().get(0).parameter()).isEqualTo("name"));
        assertThatThrownBy(() -> secrets.put(t.actor(), "empty", new PutSecret(null))).isInstanceOf(InvalidInputException.class);
        secrets.delete(t.actor(), "api_token");
        assertThatThrownBy(() -> secrets.delete(t.actor(), "api_token")).isInstanceOf(NotFoundException.class);
    }

    @AcrossDatabases
    void steps_get_the_value_and_everything_stored_gets_it_redacted(TestPlane t) {
        t.plane().secrets().put(t.actor(), "api_token", new PutSecret(TOKEN));

        Execution done = run(t, t.plane(), """
                outputs: {header: "${{ steps.auth.output.header }}", length: "${{ size(secrets.api_token) }}"}
                steps:
                  - {id: auth, type: set, values: {header: "Bearer ${{ secrets.api_token }}"}}
                  - {id: echo, type: tool, tool: core.echo, with: {token: "${{ secrets.api_token }}"}}
                  - {id: oops, type: tool, tool: core.fail, on_error: continue, with: {message: "bad token ${{ secrets.api_token }}", retryable: false}}
                """);

        assertThat(done.status()).isEqualTo(Execution.COMPLETED);
        assertThat(done.output().get("header").asText()).isEqualTo("Bearer [REDACTED]");
        // Whatever an expression derives from a secret is withheld from stored outputs, even its length.
        assertThat(done.output().get("length").asText()).isEqualTo("[REDACTED]");
        assertThat(t.plane().executions().steps(t.actor(), done.id())).allSatisfy(step -> {
            assertThat(String.valueOf(step.output())).doesNotContain(TOKEN);
            assertThat(String.valueOf(step.error())).doesNotContain(TOKEN);
        });
        assertThat(t.plane().events().list(t.actor(), done.id(), PageRequest.first(50)).items())
                .allSatisfy(event -> assertThat(String.valueOf(event.data())).doesNotContain(TOKEN));
        assertThat(storedText(t)).noneMatch(text -> text.contains(TOKEN));
    }

    @AcrossDatabases
    void a_server_with_another_secrets_key_fails_the_step_clearly(TestPlane t) {
        t.plane().secrets().put(t.actor(), "api_token", new PutSecret(TOKEN));
        AgentPlane otherKey = AgentPlane.create(t.database(), t.clock(), SecretBox.ofBase64(SecretBox.newBase64Key()));

        Execution failed = run(t, otherKey, "steps: [{id: auth, type: set, values: {h: \"${{ secrets.api_token }}\"}}]\n");

        assertThat(failed.status()).isEqualTo(Execution.FAILED);
        assertThat(failed.error()).contains("cannot be decrypted", "AGENTPLANE_SECRETS_KEY");
    }

    @Test
    void a_sealed_value_opens_only_for_its_own_org_and_name() {
        SecretBox box = SecretBox.ofBase64(SecretBox.newBase64Key());
        String sealed = box.seal("org-1", "token", "s3cret");

        assertThat(box.open("org-1", "token", sealed)).isEqualTo("s3cret");
        assertThatThrownBy(() -> box.open("org-2", "token", sealed)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> box.open("org-1", "other", sealed)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SecretBox.ofBase64("c2hvcnQ=")).hasMessageContaining("32 bytes");
        assertThat(box.toString()).doesNotContain("AES");
    }
}
