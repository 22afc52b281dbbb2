package dev.agentplane.server.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.server.executions.ExecutionFixtures;
import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiResponse;
import dev.agentplane.server.testing.ApiTest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

class UsageApiTest {
    private static final String UNKNOWN_ID = "01933b9a-0000-7000-8000-000000000000";

    /** A fresh org, so its usage is only what the test does; returns its admin. */
    private static Api freshOrg(Api instanceAdmin) {
        JsonNode created = instanceAdmin.post("/v1/orgs", Json.object().put("name", "usage-" + Api.unique())).expect(201).body();
        return instanceAdmin.as(created.get("admin_key").get("key").asText());
    }

    private static String orgIdOf(Api orgAdmin) {
        return orgAdmin.get("/v1/limits").expect(200).body().get("org_id").asText();
    }

    private static String today(Api api) {
        return LocalDate.ofInstant(api.clock().instant(), ZoneOffset.UTC).toString();
    }

    @ApiTest
    void usage_counts_executions_steps_tokens_cost_and_api_calls_per_day(Api api) {
        Api org = freshOrg(api);
        String workflow = ExecutionFixtures.workflow(org);
        String first = ExecutionFixtures.start(org, workflow);
        String second = ExecutionFixtures.start(org, workflow);
        org.post("/v1/executions/" + first + "/events", "{\"type\": \"llm.call\", \"tokens_in\": 100, \"tokens_out\": 20, \"cost_usd\": 0.5}").expect(201);
        org.post("/v1/executions/" + first + "/events", "{\"type\": \"step.completed\"}").expect(201);
        org.post("/v1/executions/" + first + "/events", "{\"type\": \"step.completed\", \"tokens_in\": 10}").expect(201);
        // Totals at completion replace the events' sums; the meter adds only what they report beyond them.
        org.post("/v1/executions/" + first + "/complete", "{\"tokens_in\": 150, \"tokens_out\": 20, \"cost_usd\": 0.75}").expect(200);
        org.post("/v1/executions/" + second + "/fail", "{\"error\": \"boom\", \"tokens_out\": 5}").expect(200);
        api.server().plane().usage().flush();

        JsonNode report = org.get("/v1/usage").expect(200).body();

        JsonNode totals = report.get("totals");
        assertThat(totals.get("executions_started").asLong()).isEqualTo(2);
        assertThat(totals.get("steps_run").asLong()).isEqualTo(2);
        assertThat(totals.get("tokens_in").asLong()).isEqualTo(150);
        assertThat(totals.get("tokens_out").asLong()).isEqualTo(25);
        assertThat(totals.get("cost_usd").asDouble()).isEqualTo(0.75);
        // the workflow, two starts, three events, complete, fail (the GET itself is counted after this answer)
        assertThat(totals.get("api_calls").asLong()).isEqualTo(8);
        assertThat(report.get("to").asText()).isEqualTo(today(api));
        assertThat(report.get("from").asText()).isEqualTo(today(api).substring(0, 8) + "01");
        JsonNode lastDay = report.get("days").get(report.get("days").size() - 1);
        assertThat(lastDay.get("day").asText()).isEqualTo(today(api));
        assertThat(lastDay.get("executions_started").asLong()).isEqualTo(2);
    }

    @ApiTest
    void a_range_lists_every_day_with_zeros_and_is_checked(Api api) {
        Api org = freshOrg(api);
        JsonNode report = org.get("/v1/usage?from=2024-02-27&to=2024-03-02").expect(200).body();

        assertThat(report.get("days")).extracting(day -> day.get("day").asText())
                .containsExactly("2024-02-27", "2024-02-28", "2024-02-29", "2024-03-01", "2024-03-02");
        assertThat(report.get("totals").get("api_calls").asLong()).isZero();
        org.get("/v1/usage?from=2024-03-02&to=2024-03-01").expectProblem(400, "from");
        org.get("/v1/usage?from=2023-01-01&to=2024-03-01").expectProblem(400, "from");
        org.get("/v1/usage?from=yesterday").expectProblem(400, "from");
        org.get("/v1/usage?to=2024-13-01").expectProblem(400, "to");
        org.as(org.newKey("viewer")).get("/v1/usage").expect(200);
    }

    @ApiTest
    void a_reached_execution_limit_refuses_new_executions_but_not_running_work(Api api) {
        Api org = freshOrg(api);
        String workflow = ExecutionFixtures.workflow(org);
        JsonNode limits = org.put("/v1/limits", "{\"monthly_executions\": 2}").expect(200).body();
        assertThat(limits.get("effective").get("monthly_executions").asLong()).isEqualTo(2);
        String running = ExecutionFixtures.start(org, workflow);
        ExecutionFixtures.start(org, workflow);

        ApiResponse refused = org.post("/v1/executions", Json.object().put("workflow", workflow)).expectProblem(429, null);

        JsonNode problem = refused.body();
        assertThat(problem.get("type").asText()).isEqualTo("/problems/usage-limit-reached");
        assertThat(problem.get("limit").asText()).isEqualTo("monthly_executions");
        assertThat(problem.get("limit_value").asLong()).isEqualTo(2);
        assertThat(problem.get("usage").asLong()).isEqualTo(2);
        ZonedDateTime now = api.clock().instant().atZone(ZoneOffset.UTC);
        String nextMonth = now.toLocalDate().withDayOfMonth(1).plusMonths(1) + "T00:00:00Z";
        assertThat(problem.get("resets_at").asText()).isEqualTo(nextMonth);
        assertThat(problem.get("detail").asText()).contains("PUT /v1/limits");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        // The refused start left nothing behind, and running work goes on.
        assertThat(org.get("/v1/limits").expect(200).body().get("month").get("executions_started").asLong()).isEqualTo(2);
        org.post("/v1/executions/" + running + "/events", "{\"type\": \"step.completed\"}").expect(201);
        org.post("/v1/executions/" + running + "/complete", "{}").expect(200);

        org.put("/v1/limits", "{\"monthly_executions\": 3}").expect(200);
        ExecutionFixtures.start(org, workflow);
    }

    @ApiTest
    void limits_reset_with_the_month(Api api) {
        Api org = freshOrg(api);
        String workflow = ExecutionFixtures.workflow(org);
        org.put("/v1/limits", "{\"monthly_executions\": 1}").expect(200);
        ExecutionFixtures.start(org, workflow);
        org.post("/v1/executions", Json.object().put("workflow", workflow)).expectProblem(429, null);

        api.clock().advance(Duration.ofDays(32));

        ExecutionFixtures.start(org, workflow);
    }

    @ApiTest
    void token_and_cost_limits_refuse_new_executions_once_reached(Api api) {
        Api org = freshOrg(api);
        String workflow = ExecutionFixtures.workflow(org);
        String execution = ExecutionFixtures.start(org, workflow);
        org.put("/v1/limits", "{\"monthly_tokens\": 100, \"monthly_cost_usd\": 10}").expect(200);
        org.post("/v1/executions/" + execution + "/events", "{\"type\": \"llm.call\", \"tokens_in\": 60, \"tokens_out\": 40}").expect(201);

        JsonNode tokens = org.post("/v1/executions", Json.object().put("workflow", workflow)).expectProblem(429, null).body();
        assertThat(tokens.get("limit").asText()).isEqualTo("monthly_tokens");
        assertThat(tokens.get("usage").asLong()).isEqualTo(100);

        org.put("/v1/limits", "{\"monthly_cost_usd\": 1.5}").expect(200);
        ExecutionFixtures.start(org, workflow);
        org.post("/v1/executions/" + execution + "/events", "{\"type\": \"llm.call\", \"cost_usd\": 1.5}").expect(201);
        JsonNode cost = org.post("/v1/executions", Json.object().put("workflow", workflow)).expectProblem(429, null).body();
        assertThat(cost.get("limit").asText()).isEqualTo("monthly_cost_usd");
        assertThat(cost.get("limit_value").asDouble()).isEqualTo(1.5);
    }

    @ApiTest
    void the_instance_quota_caps_what_the_org_sets_for_itself(Api api) {
        Api org = freshOrg(api);
        String orgId = orgIdOf(org);
        String workflow = ExecutionFixtures.workflow(org);

        JsonNode quota = api.put("/v1/orgs/" + orgId + "/quota", "{\"monthly_executions\": 1, \"monthly_tokens\": 1000}")
                .expect(200).body();
        JsonNode own = org.put("/v1/limits", "{\"monthly_executions\": 5, \"monthly_tokens\": 10}").expect(200).body();

        assertThat(quota.get("quota").get("monthly_executions").asLong()).isEqualTo(1);
        assertThat(own.get("limits").get("monthly_executions").asLong()).isEqualTo(5);
        assertThat(own.get("effective").get("monthly_executions").asLong()).isEqualTo(1);
        assertThat(own.get("effective").get("monthly_tokens").asLong()).isEqualTo(10);
        assertThat(api.get("/v1/orgs/" + orgId + "/quota").expect(200).body().get("effective")).isEqualTo(own.get("effective"));
        ExecutionFixtures.start(org, workflow);
        JsonNode refused = org.post("/v1/executions", Json.object().put("workflow", workflow)).expectProblem(429, null).body();
        assertThat(refused.get("detail").asText()).contains("PUT /v1/orgs/{org_id}/quota");
        JsonNode audit = api.get("/v1/audit?action=org.quota.update").expect(200).body();
        assertThat(audit.get("items")).extracting(row -> row.get("resource_id").asText()).contains(orgId);
    }

    @ApiTest
    void only_the_instance_admin_sees_or_sets_a_quota(Api api) {
        Api org = freshOrg(api);
        String orgId = orgIdOf(org);

        org.get("/v1/orgs/" + orgId + "/quota").expectProblem(404, null);
        org.put("/v1/orgs/" + orgId + "/quota", "{}").expectProblem(404, null);
        api.get("/v1/orgs/" + UNKNOWN_ID + "/quota").expectProblem(404, null);
        api.get("/v1/orgs/nope/quota").expectProblem(400, "org_id");
        org.as(org.newKey("developer")).put("/v1/limits", "{}").expectProblem(403, null);
    }

    @ApiTest
    void an_org_overrides_rate_limits_by_role_within_its_quota(Api api) {
        Api org = freshOrg(api);
        Api viewer = org.as(org.newKey("viewer"));
        Api developer = org.as(org.newKey("developer"));

        org.put("/v1/limits", "{\"rate_limits_per_minute\": {\"viewer\": 2, \"developer\": 5000}}").expect(200);
        api.put("/v1/orgs/" + orgIdOf(org) + "/quota", "{\"rate_limits_per_minute\": {\"developer\": 300}}").expect(200);

        assertThat(viewer.get("/v1/agents").expect(200).header("RateLimit-Limit")).isEqualTo("2");
        viewer.get("/v1/agents").expect(200);
        viewer.get("/v1/agents").expectProblem(429, null);
        assertThat(developer.get("/v1/agents").expect(200).header("RateLimit-Limit")).isEqualTo("300");
    }

    @ApiTest
    void bad_limits_are_refused_by_field(Api api) {
        Api org = freshOrg(api);

        org.put("/v1/limits", "{\"monthly_executions\": -1}").expectProblem(400, "/monthly_executions");
        org.put("/v1/limits", "{\"monthly_cost_usd\": -0.5}").expectProblem(400, "/monthly_cost_usd");
        org.put("/v1/limits", "{\"rate_limits_per_minute\": {\"boss\": 5}}").expectProblem(400, "/rate_limits_per_minute/boss");
        org.put("/v1/limits", "{\"rate_limits_per_minute\": {\"viewer\": 0}}").expectProblem(400, "/rate_limits_per_minute/viewer");
        org.put("/v1/limits", "{\"monthly_execution\": 5}").expectProblem(400, "/monthly_execution");
        org.put("/v1/limits", "{\"monthly_tokens\": \"lots\"}").expectProblem(400, "/monthly_tokens");
        assertThat(org.get("/v1/limits").expect(200).body().get("limits").get("monthly_executions").isNull()).isTrue();
    }
}
