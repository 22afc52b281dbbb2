package dev.agentplane.teams.tools.policy;

import static dev.agentplane.teams.tools.terraform.TerraformTesting.args;
import static dev.agentplane.teams.tools.terraform.TerraformTesting.context;
import static dev.agentplane.teams.tools.terraform.TerraformTesting.ok;
import static dev.agentplane.teams.tools.terraform.TerraformTesting.plan;
import static dev.agentplane.teams.tools.terraform.TerraformTesting.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.teams.tools.ToolResult;
import dev.agentplane.teams.tools.terraform.TerraformApprovals;
import dev.agentplane.teams.tools.terraform.TerraformSettings;
import dev.agentplane.teams.tools.terraform.TerraformTesting;
import dev.agentplane.teams.tools.terraform.TerraformTool;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy tool on real plans of terraform_data resources standing in for cloud resources (input.resource_type
 * names the kind, input holds the attributes a provider would plan).
 */
class PolicyToolTest {
    private static final String TAGS = "{ owner = \"ops\", environment = \"prod\" }";

    @TempDir
    Path workspace;
    private Path infra;
    private TerraformTool terraform;

    @BeforeEach
    void setUp() throws Exception {
        TerraformTesting.requireTerraform();
        infra = workspace.resolve("infra");
        terraform = new TerraformTool(new TerraformSettings("terraform", "infra", 120, true, Optional.empty(),
                Optional.empty()), TerraformApprovals.none());
    }

    private String planOf(String config) throws InterruptedException {
        write(infra.resolve("main.tf"), "terraform {}\n" + config);
        ok(terraform, workspace, "{\"action\": \"init\"}");
        return plan(terraform, workspace);
    }

    private ToolResult check(PolicySettings settings, String plan) throws InterruptedException {
        ToolResult result = new PolicyTool(settings, terraform).run(args("{\"plan\": \"" + plan + "\"}"),
                context(workspace));
        assertThat(result.error()).as(result.content()).isFalse();
        return result;
    }

    private static PolicySettings settings(String yaml) throws Exception {
        return PolicySettings.from(Json.YAML.readTree(yaml), "tools.policy");
    }

    @Test
    void a_plan_that_follows_every_built_in_rule_passes() throws Exception {
        String plan = planOf("""
                resource "terraform_data" "bucket" {
                  input = {
                    resource_type = "aws_s3_bucket"
                    tags          = %s
                    server_side_encryption_configuration = { rule = { sse_algorithm = "aws:kms" } }
                  }
                }
                resource "terraform_data" "volume" {
                  input = { resource_type = "aws_ebs_volume", encrypted = true, tags = %s }
                }
                resource "terraform_data" "web" {
                  input = {
                    resource_type = "aws_security_group"
                    tags          = %s
                    ingress       = [{ from_port = 443, cidr_blocks = ["10.0.0.0/8"], ipv6_cidr_blocks = [] }]
                  }
                }
                resource "terraform_data" "egress" {
                  input = { resource_type = "aws_security_group_rule", type = "egress", cidr_blocks = ["0.0.0.0/0"] }
                }
                resource "terraform_data" "untagged_helper" { input = "no tags attribute at all" }
                """.formatted(TAGS, TAGS, TAGS));

        ToolResult result = check(PolicySettings.defaults(), plan);

        assertThat(result.content()).startsWith("Policy check passed: 0 violation(s) in 5 changed resource(s) "
                + "checked against 4 rule(s).");
        assertThat(result.data().path("passed").asBoolean()).isTrue();
        assertThat(result.data().path("source").asText()).isEqualTo("plan " + plan);
    }

    @Test
    void a_plan_that_breaks_every_built_in_rule_lists_each_violation_worst_first() throws Exception {
        String plan = planOf("""
                resource "terraform_data" "bucket" {
                  input = { resource_type = "aws_s3_bucket", tags = { owner = "ops" } }
                }
                resource "terraform_data" "volume" {
                  input = { resource_type = "aws_ebs_volume", encrypted = false, tags = %s }
                }
                resource "terraform_data" "ssh" {
                  input = {
                    resource_type = "aws_security_group"
                    tags          = { owner = "", environment = "dev" }
                    ingress       = [{ from_port = 22, cidr_blocks = ["0.0.0.0/0"] }]
                  }
                }
                resource "terraform_data" "v6" {
                  input = { resource_type = "aws_security_group_rule", type = "ingress", ipv6_cidr_blocks = ["::/0"] }
                }
                resource "terraform_data" "nsg" {
                  input = {
                    resource_type = "azurerm_network_security_rule"
                    direction = "Inbound", access = "Allow", source_address_prefix = "*"
                  }
                }
                """.formatted(TAGS));

        ToolResult result = check(PolicySettings.defaults(), plan);

        assertThat(result.data().path("passed").asBoolean()).isFalse();
        assertThat(Json.MAPPER.convertValue(result.data().path("violations"), Violation[].class))
                .extracting(Violation::severity, Violation::rule, Violation::address)
                .containsExactly(
                        tuple("high", "storage-encryption", "terraform_data.bucket"),
                        tuple("high", "no-open-ingress", "terraform_data.nsg"),
                        tuple("high", "no-open-ingress", "terraform_data.ssh"),
                        tuple("high", "no-open-ingress", "terraform_data.v6"),
                        tuple("high", "storage-encryption", "terraform_data.volume"),
                        tuple("medium", "required-tags", "terraform_data.bucket"),
                        tuple("medium", "required-tags", "terraform_data.ssh"));
        assertThat(result.content()).startsWith("Policy check FAILED: 7 violation(s) in 5 changed resource(s)")
                .contains("[high] storage-encryption terraform_data.bucket: terraform_data.bucket (aws_s3_bucket) "
                        + "stores data without encryption settings")
                .contains("[high] no-open-ingress terraform_data.ssh: terraform_data.ssh allows ingress from "
                        + "anywhere (0.0.0.0/0 or ::/0)")
                .contains("[medium] required-tags terraform_data.bucket: terraform_data.bucket lacks the required "
                        + "tag(s) environment")
                .contains("[medium] required-tags terraform_data.ssh: terraform_data.ssh lacks the required tag(s) "
                        + "owner");
        assertThat(result.data().path("errors")).isEmpty();
    }

    @Test
    void destroying_or_replacing_a_protected_resource_is_a_critical_violation() throws Exception {
        String first = planOf("""
                resource "terraform_data" "db" {
                  input = { tags = { owner = "ops", environment = "prod", protected = "true" } }
                }
                resource "terraform_data" "cache" {
                  input            = { tags = { owner = "ops", environment = "prod", protected = true } }
                  triggers_replace = ["v1"]
                }
                resource "terraform_data" "scratch" {
                  input = { tags = { owner = "ops", environment = "dev", protected = "false" } }
                }
                """);
        ok(terraform, workspace, "{\"action\": \"apply\", \"plan\": \"" + first + "\"}");
        String second = planOf("""
                resource "terraform_data" "cache" {
                  input            = { tags = { owner = "ops", environment = "prod", protected = true } }
                  triggers_replace = ["v2"]
                }
                """);

        ToolResult result = check(PolicySettings.defaults(), second);

        assertThat(Json.MAPPER.convertValue(result.data().path("violations"), Violation[].class))
                .extracting(Violation::severity, Violation::rule, Violation::address, Violation::message)
                .containsExactly(
                        tuple("critical", "no-destroy-protected", "terraform_data.cache", "terraform_data.cache "
                                + "would be replaced, but it is tagged protected = true"),
                        tuple("critical", "no-destroy-protected", "terraform_data.db", "terraform_data.db would be "
                                + "destroyed, but it is tagged protected = true"));
    }

    @Test
    void custom_rules_required_tags_and_disabled_built_ins_come_from_the_settings() throws Exception {
        String plan = planOf("""
                resource "terraform_data" "big" {
                  input = { resource_type = "aws_instance", instance_type = "x1e.32xlarge", tags = { team = "ml" } }
                }
                resource "terraform_data" "small" {
                  input = { resource_type = "aws_instance", instance_type = "t3.micro", tags = { team = "web" } }
                }
                resource "terraform_data" "nameless" {
                  input = { resource_type = "aws_instance", instance_type = "t3.micro", tags = {} }
                }
                """);
        PolicySettings settings = settings("""
                required_tags: [team]
                disable: [no-open-ingress, storage-encryption]
                rules:
                  - id: no-huge-instances
                    description: Instances must not be of the x1 families
                    severity: high
                    condition: resource.kind == "aws_instance" && resource.values.?instance_type.orValue("").startsWith("x1")
                    message: >-
                      resource.address + " asks for " + resource.values.instance_type + "; use a smaller type"
                """);

        ToolResult result = check(settings, plan);

        assertThat(result.data().path("rules").toString())
                .isEqualTo("[\"no-destroy-protected\",\"required-tags\",\"no-huge-instances\"]");
        assertThat(Json.MAPPER.convertValue(result.data().path("violations"), Violation[].class))
                .extracting(Violation::rule, Violation::address, Violation::message)
                .containsExactly(
                        tuple("no-huge-instances", "terraform_data.big", "terraform_data.big asks for x1e.32xlarge; "
                                + "use a smaller type"),
                        tuple("required-tags", "terraform_data.nameless", "terraform_data.nameless lacks the required "
                                + "tag(s) team"));
    }

    @Test
    void a_rule_that_fails_on_a_resource_is_reported_and_fails_the_check() throws Exception {
        String plan = planOf("""
                resource "terraform_data" "odd" { input = { resource_type = "aws_instance", size = "large" } }
                """);
        PolicySettings settings = settings("""
                disable: [required-tags]
                rules:
                  - id: size-limit
                    description: size is at most 4
                    condition: resource.values.size > 4
                """);

        ToolResult result = check(settings, plan);

        assertThat(result.data().path("passed").asBoolean()).isFalse();
        assertThat(result.data().path("errors").get(0).path("rule").asText()).isEqualTo("size-limit");
        assertThat(result.content()).contains("rule size-limit could not be evaluated on terraform_data.odd: "
                + "No matching overload for function '_>_' (the values have types it cannot compare or combine)");
    }

    @Test
    void an_inline_plan_json_is_checked_too() throws Exception {
        JsonNode plan = Json.parse("""
                {"format_version": "1.2", "resource_changes": [
                  {"address": "aws_security_group.web", "mode": "managed", "type": "aws_security_group",
                   "name": "web", "change": {"actions": ["create"], "before": null,
                     "after": {"name": "web", "tags": null, "ingress": [{"from_port": 80, "to_port": 80,
                       "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"], "ipv6_cidr_blocks": []}]},
                     "after_unknown": {"id": true, "tags_all": true, "arn": true}}},
                  {"address": "data.aws_ami.ubuntu", "mode": "data", "type": "aws_ami", "name": "ubuntu",
                   "change": {"actions": ["read"], "before": null, "after": {"tags": null}}}
                ]}
                """);
        PolicyTool tool = new PolicyTool(PolicySettings.defaults());

        ToolResult asObject = tool.run(Json.object().set("plan_json", plan), context(workspace));
        ToolResult asText = tool.run(Json.object().put("plan_json", plan.toString()), context(workspace));

        for (ToolResult result : new ToolResult[] {asObject, asText}) {
            assertThat(Json.MAPPER.convertValue(result.data().path("violations"), Violation[].class))
                    .extracting(Violation::rule, Violation::address)
                    .containsExactly(tuple("no-open-ingress", "aws_security_group.web"),
                            tuple("required-tags", "aws_security_group.web"));
            assertThat(result.data().path("resources_checked").asInt()).isEqualTo(1);
        }
    }

    @Test
    void arguments_and_plans_it_cannot_check_are_errors_saying_what_to_pass() throws Exception {
        PolicyTool tool = new PolicyTool(PolicySettings.defaults(), terraform);
        write(infra.resolve("main.tf"), "terraform {}\n");

        assertThat(error(tool, "{}")).contains("pass exactly one of plan");
        assertThat(error(tool, "{\"plan\": \"a\", \"plan_json\": {}}")).contains("pass exactly one of plan");
        assertThat(error(tool, "{\"plans\": \"a\"}")).contains("unknown argument 'plans'");
        assertThat(error(tool, "{\"plan\": \"../../etc/passwd\"}")).contains("the plan cannot be checked:",
                "not the name of a plan saved by this tool");
        assertThat(error(tool, "{\"plan_json\": \"not json\"}")).contains("'plan_json' must be a JSON object");
        assertThat(error(tool, "{\"plan_json\": {\"a\": 1}}")).contains("is not a Terraform plan");
        assertThat(error(new PolicyTool(PolicySettings.defaults()), "{\"plan\": \"plan-x.tfplan\"}"))
                .contains("needs the terraform tool");
    }

    private String error(PolicyTool tool, String json) throws InterruptedException {
        ToolResult result = tool.run(args(json), context(workspace));
        assertThat(result.error()).as(result.content()).isTrue();
        return result.content();
    }
}
