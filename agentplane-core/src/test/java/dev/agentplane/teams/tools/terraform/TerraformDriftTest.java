package dev.agentplane.teams.tools.terraform;

import static dev.agentplane.teams.tools.terraform.TerraformTesting.ok;
import static dev.agentplane.teams.tools.terraform.TerraformTesting.plan;
import static dev.agentplane.teams.tools.terraform.TerraformTesting.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import dev.agentplane.teams.tools.ToolResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drift through a real refresh-only plan. The built-in provider's only resource, terraform_data, refreshes to
 * exactly its prior state, so with built-ins alone nothing outside Terraform can change a resource; what can
 * change is a value read outside Terraform (here a file read by file()) that an output shows, which a
 * refresh-only plan reports with exit code 2, as it reports a state another hand wrote (terraform state push)
 * through the outputs that depend on it. The reading of resource_drift entries is checked on a plan in
 * Terraform's JSON format below.
 */
class TerraformDriftTest {
    @TempDir
    Path workspace;

    @Test
    void drift_reports_nothing_then_a_value_changed_outside_terraform() throws Exception {
        TerraformTesting.requireTerraform();
        Path infra = workspace.resolve("infra");
        write(infra.resolve("main.tf"), """
                terraform {}
                locals { motd = trimspace(file("${path.module}/motd.txt")) }
                resource "terraform_data" "site" { input = { name = "docs" } }
                output "motd" { value = local.motd }
                output "site" { value = terraform_data.site.output.name }
                """);
        write(infra.resolve("motd.txt"), "hello\n");
        TerraformTool tool = new TerraformTool(new TerraformSettings("terraform", "infra", 120, true,
                Optional.empty(), Optional.empty()), TerraformApprovals.none());
        ok(tool, workspace, "{\"action\": \"init\"}");
        ok(tool, workspace, "{\"action\": \"apply\", \"plan\": \"" + plan(tool, workspace) + "\"}");

        ToolResult clean = ok(tool, workspace, "{\"action\": \"drift\"}");
        assertThat(clean.content()).startsWith("No drift");
        assertThat(clean.data().path("drift").asBoolean()).isFalse();

        Files.writeString(infra.resolve("motd.txt"), "maintenance tonight\n");
        ToolResult drifted = ok(tool, workspace, "{\"action\": \"drift\"}");

        assertThat(drifted.data().path("drift").asBoolean()).isTrue();
        assertThat(drifted.content()).contains("Drift detected: 0 resource(s) and 1 output(s)",
                "output motd: \"hello\" -> \"maintenance tonight\"").doesNotContain("output site");
        assertThat(drifted.data().path("outputs").get(0).path("name").asText()).isEqualTo("motd");
        assertThat(infra.resolve(".agentplane-plans")).isEmptyDirectory();
    }

    @Test
    void drift_reports_a_state_changed_by_someone_else_through_the_outputs_that_depend_on_it() throws Exception {
        TerraformTesting.requireTerraform();
        Path infra = workspace.resolve("infra");
        write(infra.resolve("main.tf"), """
                terraform {}
                resource "terraform_data" "site" { input = { name = "docs" } }
                output "site" { value = terraform_data.site.output.name }
                """);
        TerraformTool tool = new TerraformTool(new TerraformSettings("terraform", "infra", 120, true,
                Optional.empty(), Optional.empty()), TerraformApprovals.none());
        ok(tool, workspace, "{\"action\": \"init\"}");
        ok(tool, workspace, "{\"action\": \"apply\", \"plan\": \"" + plan(tool, workspace) + "\"}");
        // Another hand writes the state (terraform state push), as a run of other code would.
        ObjectNode state = (ObjectNode) Json.parse(terraform(infra, "state", "pull"));
        state.put("serial", state.path("serial").asInt() + 1);
        ((ObjectNode) state.at("/resources/0/instances/0/attributes/output/value")).put("name", "tampered");
        Files.writeString(infra.resolve("edited.tfstate"), state.toString());
        terraform(infra, "state", "push", "edited.tfstate");

        ToolResult drifted = ok(tool, workspace, "{\"action\": \"drift\"}");

        assertThat(drifted.content()).contains("output site: \"docs\" -> \"tampered\"");
        assertThat(drifted.data().path("drift").asBoolean()).isTrue();
    }

    private static String terraform(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("terraform"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("TF_IN_AUTOMATION", "1");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }

    @Test
    void resource_drift_entries_list_each_changed_attribute_and_hide_sensitive_values() {
        // The shape `terraform show -json` gives a refresh-only plan of a real provider's resources.
        DriftReport report = DriftReport.of(Json.parse("""
                {"format_version": "1.2", "resource_drift": [
                  {"address": "aws_s3_bucket.logs", "type": "aws_s3_bucket", "name": "logs",
                   "change": {"actions": ["update"],
                     "before": {"bucket": "logs", "tags": {"owner": "ops", "env": "prod"}, "acl": "private"},
                     "after": {"bucket": "logs", "tags": {"owner": "mallory"}, "acl": "public-read"},
                     "before_sensitive": {"tags": {}}, "after_sensitive": {"tags": {}}}},
                  {"address": "aws_db_instance.main", "type": "aws_db_instance", "name": "main",
                   "change": {"actions": ["update"], "before": {"password": "a", "size": 1},
                     "after": {"password": "b", "size": 1},
                     "before_sensitive": {"password": true}, "after_sensitive": {"password": true}}},
                  {"address": "aws_instance.web", "type": "aws_instance", "name": "web",
                   "change": {"actions": ["delete"], "before": {"id": "i-1"}, "after": null}},
                  {"address": "aws_instance.moved", "previous_address": "aws_instance.old",
                   "change": {"actions": ["no-op"], "before": {"id": "i-2"}, "after": {"id": "i-2"}}}
                ], "output_changes": {}}
                """));

        assertThat(report.resources()).extracting(DriftReport.DriftedResource::address)
                .containsExactly("aws_s3_bucket.logs", "aws_db_instance.main", "aws_instance.web");
        assertThat(report.resources().get(0).changes()).containsExactly("acl: \"private\" -> \"public-read\"",
                "tags.env: \"prod\" -> (absent)", "tags.owner: \"ops\" -> \"mallory\"");
        assertThat(report.resources().get(1).changes()).containsExactly("password: changed (sensitive)");
        assertThat(report.resources().get(2).action()).isEqualTo("delete");
        assertThat(report.resources().get(2).changes()).containsExactly("(whole object): {\"id\":\"i-1\"} -> null");
        assertThat(report.describe()).contains("Drift detected: 3 resource(s)", "- aws_instance.web (delete)")
                .doesNotContain("\"b\"");
        assertThat(report.toJson().path("resources").get(0).path("changes")).hasSize(3);
        assertThat(report.hasDrift()).isTrue();
    }
}
