package dev.agentplane.server.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

class ScheduleApiTest {
    private static final String UNKNOWN = "01933b9a-0000-7000-8000-000000000000";

    private static String workflow(Api api, String extra) {
        String name = "sched-" + Api.unique();
        api.send("POST", "/v1/workflows", "name: " + name + "\n" + extra + "steps:\n  - {id: wait, type: sleep, duration: 1h}\n",
                "application/yaml").expect(201);
        return name;
    }

    private static JsonNode create(Api api, String body) {
        return api.post("/v1/schedules", body).expect(201).body();
    }

    /** Moves the server's clock to the schedule's next fire time and runs the fire loop once. */
    private static void fireNext(Api api, String scheduleId) {
        Instant next = Instant.parse(api.get("/v1/schedules/" + scheduleId).expect(200).body().get("next_fire_at").asText());
        api.clock().advance(Duration.between(api.clock().instant(), next));
        api.server().plane().scheduler().fireDue();
    }

    @ApiTest
    void creates_a_schedule_with_its_next_fire_time_and_location(Api api) {
        String flow = workflow(api, "inputs:\n  day: {type: string}\n");

        var response = api.post("/v1/schedules", """
                {"name": "nightly-%s", "workflow": "%s", "cron": "0 9 * * MON-FRI", "timezone": "Europe/Paris",
                 "input": {"day": "today"}, "misfire": "run_once"}""".formatted(Api.unique(), flow)).expect(201);

        JsonNode schedule = response.body();
        assertThat(response.header("Location")).isEqualTo("/v1/schedules/" + schedule.get("id").asText());
        assertThat(schedule.get("next_fire_at").asText()).isNotEmpty();
        assertThat(Instant.parse(schedule.get("next_fire_at").asText())).isAfter(api.clock().instant());
        assertThat(schedule.get("managed_by").asText()).isEqualTo("api");
        assertThat(schedule.get("version").isNull()).isTrue();
        assertThat(schedule.get("paused").asBoolean()).isFalse();
        assertThat(api.get("/v1/schedules/" + schedule.get("id").asText()).expect(200).body()).isEqualTo(schedule);
    }

    @ApiTest
    void every_bad_field_is_a_400_naming_it(Api api) {
        var problem = api.post("/v1/schedules", """
                {"name": "bad name", "cron": "0 9 * * * *", "timezone": "Europe/Pariss", "misfire": "later",
                 "version": 0, "input": [1]}""").expectProblem(400, "/cron").body();

        assertThat(problem.get("errors")).extracting(e -> e.get("pointer").asText())
                .containsExactlyInAnyOrder("/name", "/workflow", "/cron", "/timezone", "/misfire", "/version", "/input");
        assertThat(problem.get("detail").asText()).contains("6 fields", "did you mean Europe/Paris");
        api.post("/v1/schedules", "{\"name\": \"x\", \"workflow\": \"w\", \"cron\": \"@daily\", \"every\": 1}")
                .expectProblem(400, "/every");
        api.post("/v1/schedules", "{\"name\": \"x\", \"workflow\": \"w\", \"cron\": \"0 0 30 2 *\"}").expectProblem(400, "/cron");
        api.get("/v1/schedules?paused=maybe").expectProblem(400, "paused");
        api.get("/v1/schedules/not-a-uuid").expectProblem(400, "schedule_id");
    }

    @ApiTest
    void the_workflow_must_exist_and_the_input_suit_it(Api api) {
        String flow = workflow(api, "inputs:\n  day: {type: string, required: true}\n");

        api.post("/v1/schedules", "{\"name\": \"s-" + Api.unique() + "\", \"workflow\": \"ghost-" + Api.unique()
                + "\", \"cron\": \"@daily\"}").expectProblem(404, null);
        api.post("/v1/schedules", "{\"name\": \"s-" + Api.unique() + "\", \"workflow\": \"" + flow
                + "\", \"cron\": \"@daily\"}").expectProblem(400, "/input/day");
        api.post("/v1/workflows/" + flow + "/versions/1/deactivate", null).expect(200);
        api.post("/v1/schedules", "{\"name\": \"s-" + Api.unique() + "\", \"workflow\": \"" + flow
                + "\", \"version\": 1, \"cron\": \"@daily\", \"input\": {\"day\": \"x\"}}").expectProblem(409, null);
    }

    @ApiTest
    void names_are_unique_in_the_organization(Api api) {
        String flow = workflow(api, "");
        String name = "dup-" + Api.unique();
        create(api, "{\"name\": \"" + name + "\", \"workflow\": \"" + flow + "\", \"cron\": \"@daily\"}");

        var problem = api.post("/v1/schedules", "{\"name\": \"" + name + "\", \"workflow\": \"" + flow
                + "\", \"cron\": \"@hourly\"}").expectProblem(409, null).body();

        assertThat(problem.get("detail").asText()).contains(name);
    }

    @ApiTest
    void patch_pause_resume_and_delete(Api api) {
        String flow = workflow(api, "");
        String id = create(api, "{\"name\": \"p-" + Api.unique() + "\", \"workflow\": \"" + flow + "\", \"cron\": \"@daily\"}")
                .get("id").asText();

        JsonNode patched = api.patch("/v1/schedules/" + id, "{\"cron\": \"30 6 * * *\", \"timezone\": \"Asia/Tokyo\"}")
                .expect(200).body();
        JsonNode paused = api.post("/v1/schedules/" + id + "/pause", null).expect(200).body();
        JsonNode resumed = api.post("/v1/schedules/" + id + "/resume", null).expect(200).body();
        api.patch("/v1/schedules/" + id, "{\"timezone\": \"Tokio\"}").expectProblem(400, "/timezone");
        api.delete("/v1/schedules/" + id).expect(204);

        assertThat(patched.get("timezone").asText()).isEqualTo("Asia/Tokyo");
        assertThat(patched.get("cron").asText()).isEqualTo("30 6 * * *");
        assertThat(paused.get("paused").asBoolean()).isTrue();
        assertThat(paused.get("next_fire_at").isNull()).isTrue();
        assertThat(resumed.get("next_fire_at").isNull()).isFalse();
        api.get("/v1/schedules/" + id).expectProblem(404, null);
        api.delete("/v1/schedules/" + id).expectProblem(404, null);
        api.patch("/v1/schedules/" + UNKNOWN, "{}").expectProblem(404, null);
        api.post("/v1/schedules/" + UNKNOWN + "/pause", null).expectProblem(404, null);
        api.post("/v1/schedules/" + UNKNOWN + "/resume", null).expectProblem(404, null);
        api.get("/v1/schedules/" + UNKNOWN + "/fires").expectProblem(404, null);
    }

    @ApiTest
    void lists_filter_by_workflow_and_paused_across_pages(Api api) {
        String flow = workflow(api, "");
        for (int i = 0; i < 3; i++) {
            create(api, "{\"name\": \"l-" + Api.unique() + "\", \"workflow\": \"" + flow + "\", \"cron\": \"@daily\"}");
        }
        String paused = create(api, "{\"name\": \"l-" + Api.unique() + "\", \"workflow\": \"" + flow
                + "\", \"cron\": \"@daily\", \"paused\": true}").get("id").asText();

        List<JsonNode> all = api.listAll("/v1/schedules?limit=1&workflow=" + flow);
        List<JsonNode> onlyPaused = api.listAll("/v1/schedules?paused=true&workflow=" + flow);

        assertThat(all).hasSize(4);
        assertThat(onlyPaused).extracting(s -> s.get("id").asText()).containsExactly(paused);
    }

    @ApiTest
    void fires_list_the_executions_started_newest_first(Api api) {
        String flow = workflow(api, "");
        String id = create(api, "{\"name\": \"f-" + Api.unique() + "\", \"workflow\": \"" + flow + "\", \"cron\": \"* * * * *\"}")
                .get("id").asText();

        fireNext(api, id);
        fireNext(api, id);

        List<JsonNode> fires = api.listAll("/v1/schedules/" + id + "/fires?limit=1");
        assertThat(fires).hasSize(2);
        assertThat(fires).allSatisfy(fire -> assertThat(fire.get("status").asText()).isEqualTo("started"));
        assertThat(Instant.parse(fires.get(0).get("fire_at").asText()))
                .isEqualTo(Instant.parse(fires.get(1).get("fire_at").asText()).plus(Duration.ofMinutes(1)));
        JsonNode execution = api.get("/v1/executions/" + fires.get(0).get("execution_id").asText()).expect(200).body();
        assertThat(execution.get("workflow_name").asText()).isEqualTo(flow);
        JsonNode schedule = api.get("/v1/schedules/" + id).expect(200).body();
        assertThat(schedule.get("last_execution_id").asText()).isEqualTo(execution.get("id").asText());
        assertThat(schedule.get("last_fire_at").asText()).isEqualTo(fires.get(0).get("fire_at").asText());
    }

    @ApiTest
    void a_refused_start_shows_on_the_fire_and_as_the_last_error(Api api) {
        String flow = workflow(api, "");
        String id = create(api, "{\"name\": \"r-" + Api.unique() + "\", \"workflow\": \"" + flow + "\", \"cron\": \"* * * * *\"}")
                .get("id").asText();
        api.post("/v1/workflows/" + flow + "/versions/1/deactivate", null).expect(200);

        fireNext(api, id);

        JsonNode fire = api.get("/v1/schedules/" + id + "/fires").expect(200).body().get("items").get(0);
        assertThat(fire.get("status").asText()).isEqualTo("refused");
        assertThat(fire.get("reason").asText()).isEqualTo("workflow_not_found");
        assertThat(fire.get("execution_id").isNull()).isTrue();
        assertThat(api.get("/v1/schedules/" + id).expect(200).body().get("last_error").asText()).contains("no active version");
    }

    @ApiTest
    void a_definition_schedule_follows_workflow_versions_and_refuses_patch_and_delete(Api api) {
        String flow = "defsched-" + Api.unique();
        String yaml = "name: " + flow + "\nschedule: {cron: '0 9 * * *', timezone: Europe/Paris}\n"
                + "steps:\n  - {id: wait, type: sleep, duration: 1h}\n";
        api.send("POST", "/v1/workflows", yaml, "application/yaml").expect(201);

        JsonNode owned = api.get("/v1/schedules?workflow=" + flow).expect(200).body().get("items").get(0);
        String id = owned.get("id").asText();
        api.patch("/v1/schedules/" + id, "{\"cron\": \"@hourly\"}").expectProblem(409, null);
        api.delete("/v1/schedules/" + id).expectProblem(409, null);
        api.send("POST", "/v1/workflows", yaml.replace("0 9 * * *", "0 10 * * *"), "application/yaml").expect(201);
        JsonNode updated = api.get("/v1/schedules/" + id).expect(200).body();
        api.send("POST", "/v1/workflows", "name: " + flow + "\nsteps:\n  - {id: wait, type: sleep, duration: 1h}\n",
                "application/yaml").expect(201);

        assertThat(owned.get("name").asText()).isEqualTo(flow);
        assertThat(owned.get("managed_by").asText()).isEqualTo("definition");
        assertThat(updated.get("cron").asText()).isEqualTo("0 10 * * *");
        api.get("/v1/schedules/" + id).expectProblem(404, null);
    }

    @ApiTest
    void a_definition_schedule_with_a_bad_cron_is_refused_with_its_line(Api api) {
        String yaml = "name: bad-" + Api.unique() + "\nschedule:\n  cron: '0 9 * *'\n  timezone: Europe/Pariss\n"
                + "steps:\n  - {id: wait, type: sleep, duration: 1h}\n";

        var problem = api.send("POST", "/v1/workflows", yaml, "application/yaml").expectProblem(400, "/schedule/cron").body();

        assertThat(problem.get("errors")).extracting(e -> e.get("pointer").asText())
                .containsExactlyInAnyOrder("/schedule/cron", "/schedule/timezone");
        assertThat(problem.get("detail").asText()).contains("line 3", "4 fields", "did you mean Europe/Paris");
    }

    @ApiTest
    void viewers_read_schedules_but_only_builders_change_them(Api api) {
        String flow = workflow(api, "");
        String id = create(api, "{\"name\": \"v-" + Api.unique() + "\", \"workflow\": \"" + flow + "\", \"cron\": \"@daily\"}")
                .get("id").asText();
        Api viewer = api.as(api.newKey("viewer"));
        Api developer = api.as(api.newKey("developer"));

        viewer.get("/v1/schedules/" + id).expect(200);
        viewer.get("/v1/schedules/" + id + "/fires").expect(200);
        viewer.post("/v1/schedules/" + id + "/pause", null).expectProblem(403, null);
        developer.post("/v1/schedules/" + id + "/pause", null).expect(200);
        api.as(api.newKey("auditor")).delete("/v1/schedules/" + id).expectProblem(403, null);
    }
}
