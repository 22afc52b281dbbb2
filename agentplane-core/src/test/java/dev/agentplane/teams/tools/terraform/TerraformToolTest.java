package dev.agentplane.teams.tools.terraform;

import static dev.agentplane.teams.tools.terraform.TerraformTesting.args;
import static dev.agentplane.teams.tools.terraform.TerraformTesting.context;
import static dev.agentplane.teams.tools.terraform.TerraformTesting.ok;
import static dev.agentplane.teams.tools.terraform.TerraformTesting.plan;
import static dev.agentplane.teams.tools.terraform.TerraformTesting.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.teams.tools.ToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The terraform tool over the real CLI, on configurations of the built-in provider only. */
class TerraformToolTest {
    private static final String FIRST = """
            terraform {}
            resource "terraform_data" "kept" { input = "same" }
            resource "terraform_data" "changed" { input = "v1" }
            resource "terraform_data" "replaced" {
              input            = "r"
              triggers_replace = ["1"]
            }
            resource "terraform_data" "removed" { input = "gone soon" }
            output "changed" { value = terraform_data.changed.output }
            """;
    private static final String SECOND = """
            terraform {}
            resource "terraform_data" "kept" { input = "same" }
            resource "terraform_data" "changed" { input = "v2" }
            resource "terraform_data" "replaced" {
              input            = "r"
              triggers_replace = ["2"]
            }
            resource "terraform_data" "added" { input = "new" }
            output "changed" { value = terraform_data.changed.output }
            """;

    @TempDir
    Path workspace;
    @TempDir
    Path elsewhere;
    private Path infra;

    @BeforeEach
    void requireTerraform() {
        TerraformTesting.requireTerraform();
        infra = workspace.resolve("infra");
    }

    private TerraformTool tool(boolean autoApprove, TerraformApprovals approvals) {
        return new TerraformTool(new TerraformSettings("terraform", "infra", 120, autoApprove, Optional.empty(),
                Optional.empty()), approvals);
    }

    @Test
    void init_validate_plan_apply_output_run_a_configuration_through() throws Exception {
        write(infra.resolve("main.tf"), FIRST);
        TerraformTool tool = tool(true, TerraformApprovals.none());
        assertThat(ok(tool, workspace, "{\"action\": \"init\"}").content()).contains("Initialized");
        ToolResult valid = ok(tool, workspace, "{\"action\": \"validate\"}");
        assertThat(valid.content()).isEqualTo("The configuration is valid.");
        assertThat(valid.data().path("valid").asBoolean()).isTrue();

        ToolResult planned = ok(tool, workspace, "{\"action\": \"plan\"}");
        String plan = planned.data().path("plan").asText();
        assertThat(plan).matches("plan-\\d{8}-\\d{6}-[0-9a-f]{8}\\.tfplan");
        assertThat(infra.resolve(".agentplane-plans").resolve(plan)).isRegularFile();
        assertThat(planned.content()).contains("4 to add, 0 to change, 0 to destroy, 0 to replace",
                "\"plan\": \"" + plan + "\"");
        assertThat(planned.data().path("counts").path("add").asInt()).isEqualTo(4);

        ToolResult applied = ok(tool, workspace, "{\"action\": \"apply\", \"plan\": \"" + plan + "\"}");
        assertThat(applied.content()).contains("Applied plan " + plan + " (4 added, 0 changed, 0 destroyed)");
        assertThat(infra.resolve(".agentplane-plans").resolve(plan)).doesNotExist();

        ToolResult output = ok(tool, workspace, "{\"action\": \"output\"}");
        assertThat(output.data().path("changed").asText()).isEqualTo("v1");
        assertThat(output.content()).contains("\"changed\":\"v1\"");
    }

    @Test
    void plan_summary_counts_adds_changes_destroys_replaces_and_no_ops_with_their_addresses() throws Exception {
        write(infra.resolve("main.tf"), FIRST);
        TerraformTool tool = tool(true, TerraformApprovals.none());
        ok(tool, workspace, "{\"action\": \"init\"}");
        ok(tool, workspace, "{\"action\": \"apply\", \"plan\": \"" + plan(tool, workspace) + "\"}");
        write(infra.resolve("main.tf"), SECOND);

        ToolResult planned = ok(tool, workspace, "{\"action\": \"plan\"}");

        JsonNode data = planned.data();
        assertThat(data.path("counts").path("add").asInt()).isEqualTo(1);
        assertThat(data.path("counts").path("change").asInt()).isEqualTo(1);
        assertThat(data.path("counts").path("destroy").asInt()).isEqualTo(1);
        assertThat(data.path("counts").path("replace").asInt()).isEqualTo(1);
        assertThat(data.path("counts").path("no-op").asInt()).isEqualTo(1);
        assertThat(data.path("resources").path("add").get(0).asText()).isEqualTo("terraform_data.added");
        assertThat(data.path("resources").path("change").get(0).asText()).isEqualTo("terraform_data.changed");
        assertThat(data.path("resources").path("destroy").get(0).asText()).isEqualTo("terraform_data.removed");
        assertThat(data.path("resources").path("replace").get(0).asText()).isEqualTo("terraform_data.replaced");
        assertThat(data.path("resources").path("no-op").get(0).asText()).isEqualTo("terraform_data.kept");
        assertThat(data.path("changed_outputs").get(0).asText()).isEqualTo("changed");
        assertThat(planned.content()).contains("1 to add, 1 to change, 1 to destroy, 1 to replace, 1 unchanged",
                "destroy: terraform_data.removed", "replace: terraform_data.replaced");
    }

    @Test
    void a_plan_without_changes_says_so_and_leaves_nothing_to_apply() throws Exception {
        write(infra.resolve("main.tf"), FIRST);
        TerraformTool tool = tool(true, TerraformApprovals.none());
        ok(tool, workspace, "{\"action\": \"init\"}");
        ok(tool, workspace, "{\"action\": \"apply\", \"plan\": \"" + plan(tool, workspace) + "\"}");

        ToolResult again = ok(tool, workspace, "{\"action\": \"plan\"}");

        assertThat(again.content()).startsWith("No changes");
        assertThat(again.data().path("plan").isNull()).isTrue();
        assertThat(again.data().path("counts").path("no-op").asInt()).isEqualTo(4);
    }

    @Test
    void apply_asks_the_approver_with_the_plan_summary_and_applies_once_approved() throws Exception {
        write(infra.resolve("main.tf"), FIRST);
        AtomicReference<PlanSummary> asked = new AtomicReference<>();
        TerraformTool tool = tool(false, (plan, context) -> {
            asked.set(plan);
            assertThat(context.agentName()).isEqualTo("infra");
            return TerraformApprovals.Decision.approve();
        });
        ok(tool, workspace, "{\"action\": \"init\"}");
        String plan = plan(tool, workspace);

        ok(tool, workspace, "{\"action\": \"apply\", \"plan\": \"" + plan + "\"}");

        assertThat(asked.get().plan()).isEqualTo(plan);
        assertThat(asked.get().resources().get("add")).containsExactlyInAnyOrder("terraform_data.kept",
                "terraform_data.changed", "terraform_data.replaced", "terraform_data.removed");
        assertThat(asked.get().describe()).contains("4 to add");
        assertThat(ok(tool, workspace, "{\"action\": \"output\"}").data().path("changed").asText()).isEqualTo("v1");
    }

    @Test
    void a_denied_approval_is_an_error_that_changes_nothing_and_keeps_the_plan() throws Exception {
        write(infra.resolve("main.tf"), FIRST);
        TerraformTool tool = tool(false, (plan, context) ->
                TerraformApprovals.Decision.deny("Alice rejected it: not during the freeze"));
        ok(tool, workspace, "{\"action\": \"init\"}");
        String plan = plan(tool, workspace);

        ToolResult refused = tool.run(args("{\"action\": \"apply\", \"plan\": \"" + plan + "\"}"), context(workspace));

        assertThat(refused.error()).isTrue();
        assertThat(refused.content()).contains("not approved", "Alice rejected it: not during the freeze",
                "Nothing was changed");
        assertThat(infra.resolve("terraform.tfstate")).doesNotExist();
        assertThat(infra.resolve(".agentplane-plans").resolve(plan)).isRegularFile();
    }

    @Test
    void without_an_approver_apply_is_refused_with_how_to_allow_it() throws Exception {
        write(infra.resolve("main.tf"), FIRST);
        TerraformTool tool = tool(false, TerraformApprovals.none());
        ok(tool, workspace, "{\"action\": \"init\"}");
        String plan = plan(tool, workspace);

        ToolResult refused = tool.run(args("{\"action\": \"apply\", \"plan\": \"" + plan + "\"}"), context(workspace));

        assertThat(refused.error()).isTrue();
        assertThat(refused.content()).contains("no approver is configured", "auto_approve: true");
        assertThat(infra.resolve("terraform.tfstate")).doesNotExist();
    }

    @Test
    void apply_refuses_paths_unknown_names_foreign_and_altered_plans_and_a_second_apply() throws Exception {
        write(infra.resolve("main.tf"), FIRST);
        TerraformTool tool = tool(true, TerraformApprovals.none());
        ok(tool, workspace, "{\"action\": \"init\"}");
        String plan = plan(tool, workspace);
        Path plans = infra.resolve(".agentplane-plans");

        assertThat(refusal(tool, "../main.tf")).contains("not the name of a plan saved by this tool");
        assertThat(refusal(tool, ".agentplane-plans/" + plan)).contains("not a path");
        assertThat(refusal(tool, "plan-20200101-000000-00000000.tfplan")).contains("there is no saved plan");
        // a plan terraform saved by itself, under a name the tool would use: no signature of this tool
        String foreign = "plan-20200101-000000-0000beef.tfplan";
        Files.copy(plans.resolve(plan), plans.resolve(foreign));
        assertThat(refusal(tool, foreign)).contains("there is no saved plan " + foreign);
        Files.copy(plans.resolve(plan + ".sig"), plans.resolve(foreign + ".sig"));
        Files.write(plans.resolve(foreign), new byte[] {1, 2, 3});
        assertThat(refusal(tool, foreign)).contains("was not saved by this tool or was changed since");
        // another tool instance (another key) did not save it either
        TerraformTool other = tool(true, TerraformApprovals.none());
        assertThat(other.run(args("{\"action\": \"apply\", \"plan\": \"" + plan + "\"}"), context(workspace))
                .content()).contains("signature does not match");
        assertThat(infra.resolve("terraform.tfstate")).doesNotExist();

        ok(tool, workspace, "{\"action\": \"apply\", \"plan\": \"" + plan + "\"}");
        assertThat(refusal(tool, plan)).contains("a plan is removed once applied");
        assertThat(refusal(tool, null)).contains("argument 'plan' is required for apply");
    }

    @Test
    void a_plan_saved_before_a_restart_applies_with_the_same_plan_key() throws Exception {
        write(infra.resolve("main.tf"), FIRST);
        byte[] key = "a key kept with the run, 32 bytes".getBytes();
        TerraformSettings settings = new TerraformSettings("terraform", "infra", 120, true, Optional.empty(),
                Optional.empty());
        TerraformTool before = new TerraformTool(settings, TerraformApprovals.none(), key);
        ok(before, workspace, "{\"action\": \"init\"}");
        String plan = plan(before, workspace);

        TerraformTool after = new TerraformTool(settings, TerraformApprovals.none(), key);

        assertThat(ok(after, workspace, "{\"action\": \"apply\", \"plan\": \"" + plan + "\"}").content())
                .contains("4 added");
    }

    private String refusal(TerraformTool tool, String plan) throws InterruptedException {
        String json = plan == null ? "{\"action\": \"apply\"}" : "{\"action\": \"apply\", \"plan\": \"" + plan + "\"}";
        ToolResult result = tool.run(args(json), context(workspace));
        assertThat(result.error()).as(result.content()).isTrue();
        return result.content();
    }

    @Test
    void validate_returns_the_diagnostics_of_an_invalid_configuration() throws Exception {
        write(infra.resolve("main.tf"), """
                terraform {}
                resource "terraform_data" "x" { input = var.missing }
                """);
        TerraformTool tool = tool(false, TerraformApprovals.none());
        ok(tool, workspace, "{\"action\": \"init\"}");

        ToolResult invalid = tool.run(args("{\"action\": \"validate\"}"), context(workspace));

        assertThat(invalid.error()).isTrue();
        assertThat(invalid.content()).contains("The configuration is invalid",
                "error: Reference to undeclared input variable (main.tf:2)", "\"missing\" has not been declared");
        assertThat(invalid.data().path("valid").asBoolean()).isFalse();
        assertThat(invalid.data().path("diagnostics").get(0).path("line").asInt()).isEqualTo(2);
    }

    @Test
    void a_failing_plan_returns_terraform_diagnostics_and_no_plan() throws Exception {
        write(infra.resolve("main.tf"), """
                terraform {}
                variable "size" { type = number }
                resource "terraform_data" "x" { input = 10 / var.size }
                """);
        TerraformTool tool = tool(false, TerraformApprovals.none());
        ok(tool, workspace, "{\"action\": \"init\"}");

        ToolResult failed = tool.run(args("{\"action\": \"plan\", \"variables\": {\"size\": \"lots\"}}"),
                context(workspace));

        assertThat(failed.error()).isTrue();
        assertThat(failed.content()).startsWith("terraform plan failed (exit 1):")
                .contains("error: Invalid value for input variable");
        assertThat(failed.data().path("exit_code").asInt()).isEqualTo(1);
    }

    @Test
    void plan_passes_variables_and_can_plan_a_destroy() throws Exception {
        write(infra.resolve("main.tf"), """
                terraform {}
                variable "size" { type = number }
                resource "terraform_data" "x" { input = var.size * 2 }
                output "doubled" { value = terraform_data.x.output }
                """);
        TerraformTool tool = tool(true, TerraformApprovals.none());
        ok(tool, workspace, "{\"action\": \"init\"}");
        String plan = ok(tool, workspace, "{\"action\": \"plan\", \"variables\": {\"size\": 21}}").data()
                .path("plan").asText();
        ok(tool, workspace, "{\"action\": \"apply\", \"plan\": \"" + plan + "\"}");
        assertThat(ok(tool, workspace, "{\"action\": \"output\"}").data().path("doubled").asInt()).isEqualTo(42);

        ToolResult destroy = ok(tool, workspace,
                "{\"action\": \"plan\", \"destroy\": true, \"variables\": {\"size\": 21}}");

        assertThat(destroy.data().path("resources").path("destroy").get(0).asText()).isEqualTo("terraform_data.x");
    }

    @Test
    void output_hides_sensitive_values() throws Exception {
        write(infra.resolve("main.tf"), """
                terraform {}
                resource "terraform_data" "db" { input = "hunter2" }
                output "password" {
                  value     = terraform_data.db.output
                  sensitive = true
                }
                output "host" { value = "db.internal" }
                """);
        TerraformTool tool = tool(true, TerraformApprovals.none());
        ok(tool, workspace, "{\"action\": \"init\"}");
        ok(tool, workspace, "{\"action\": \"apply\", \"plan\": \"" + plan(tool, workspace) + "\"}");

        ToolResult output = ok(tool, workspace, "{\"action\": \"output\"}");

        assertThat(output.data().path("host").asText()).isEqualTo("db.internal");
        assertThat(output.data().path("password").asText()).isEqualTo("(sensitive)");
        assertThat(output.content()).doesNotContain("hunter2");
    }

    @Test
    void bad_arguments_are_errors_that_name_the_argument() throws Exception {
        TerraformTool tool = tool(false, TerraformApprovals.none());
        write(infra.resolve("main.tf"), "terraform {}\n");

        assertThat(error(tool, "{}")).contains("'action' must be one of init, validate, plan, apply, output, drift");
        assertThat(error(tool, "{\"action\": \"destroy\"}")).contains("'action' must be one of");
        assertThat(error(tool, "{\"action\": \"plan\", \"target\": \"x\"}")).contains("unknown argument 'target'");
        assertThat(error(tool, "{\"action\": \"plan\", \"destroy\": \"yes\"}")).contains("'destroy' must be");
        assertThat(error(tool, "{\"action\": \"plan\", \"variables\": [1]}")).contains("'variables' must be");
        assertThat(error(tool, "{\"action\": \"plan\", \"variables\": {\"a b\": 1}}")).contains("invalid variable");
        assertThat(error(tool, "{\"action\": \"plan\", \"variables\": {\"x\": {\"y\": 1}}}"))
                .contains("'variables.x' must be a string, number or boolean");
    }

    @Test
    void a_working_dir_that_is_missing_or_leads_out_of_the_workspace_is_refused() throws Exception {
        TerraformTool missing = tool(false, TerraformApprovals.none());
        assertThat(error(missing, "{\"action\": \"init\"}")).contains("'infra' does not exist in the workspace");

        Path outside = Files.createDirectories(elsewhere.resolve("outside"));
        Files.createSymbolicLink(infra, outside);
        assertThat(error(missing, "{\"action\": \"init\"}")).contains("leads out of it");
    }

    @Test
    void a_missing_binary_is_an_error_saying_how_to_fix_it() throws Exception {
        Files.createDirectories(infra);
        TerraformTool tool = new TerraformTool(new TerraformSettings("/nonexistent/terraform", "infra", 60, false,
                Optional.empty(), Optional.empty()), TerraformApprovals.none());

        assertThat(error(tool, "{\"action\": \"init\"}")).contains("'/nonexistent/terraform' could not be started",
                "tools.terraform.binary");
    }

    @Test
    void a_command_past_the_timeout_is_stopped_and_reported() throws Exception {
        write(infra.resolve("main.tf"), """
                terraform {}
                resource "terraform_data" "slow" {
                  provisioner "local-exec" { command = "sleep 60" }
                }
                """);
        TerraformTool tool = new TerraformTool(new TerraformSettings("terraform", "infra", 3, true,
                Optional.empty(), Optional.empty()), TerraformApprovals.none());
        ok(tool, workspace, "{\"action\": \"init\"}");
        String plan = plan(tool, workspace);
        long started = System.nanoTime();

        String error = error(tool, "{\"action\": \"apply\", \"plan\": \"" + plan + "\"}");

        assertThat(error).contains("terraform apply did not finish within 3 s and was stopped");
        assertThat((System.nanoTime() - started) / 1_000_000_000).isLessThan(30);
    }

    private String error(TerraformTool tool, String json) throws InterruptedException {
        ToolResult result = tool.run(args(json), context(workspace));
        assertThat(result.error()).as(result.content()).isTrue();
        return result.content();
    }

    @Test
    void terraform_sees_only_path_home_and_the_tf_variables_of_its_settings() throws Exception {
        Path bin = Files.createDirectories(elsewhere.resolve("bin"));
        Path env = bin.resolve("env.txt");
        write(bin.resolve("terraform"), "#!/bin/sh\nenv > " + env + "\necho '{}'\n");
        bin.resolve("terraform").toFile().setExecutable(true);
        Files.createDirectories(infra);
        TerraformTool tool = new TerraformTool(new TerraformSettings(bin.resolve("terraform").toString(), "infra",
                60, false, Optional.of(Path.of("/var/cache/tf")), Optional.empty()), TerraformApprovals.none());

        tool.run(args("{\"action\": \"output\"}"), context(workspace));

        List<String> names = Files.readAllLines(env).stream().map(line -> line.substring(0, line.indexOf('=')))
                .filter(name -> !name.equals("PWD") && !name.equals("SHLVL") && !name.equals("_")).toList();
        assertThat(names).containsExactlyInAnyOrder("PATH", "HOME", "TF_IN_AUTOMATION", "TF_INPUT",
                "CHECKPOINT_DISABLE", "TF_PLUGIN_CACHE_DIR");
        assertThat(Files.readAllLines(env)).contains("TF_PLUGIN_CACHE_DIR=/var/cache/tf", "TF_IN_AUTOMATION=1");
    }
}
