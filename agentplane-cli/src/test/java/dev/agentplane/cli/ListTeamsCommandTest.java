package dev.agentplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `agentplane list teams`: a table or JSON of the team files, exit 2 with file:line errors when one is invalid. */
class ListTeamsCommandTest {
    @TempDir
    Path dir;

    private void write(String file, String text) throws IOException {
        Files.writeString(dir.resolve(file), text);
    }

    @Test
    void lists_the_example_teams_in_a_table() {
        CliRun run = CliRun.of("list", "teams", "--teams-dir", Path.of("..", "examples", "teams").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().toList().getFirst()).matches("NAME +PROCESS +AGENTS +FILE +WARNINGS");
        assertThat(run.out()).containsPattern("template-team +router +Primary-Agent +\\S*team-template.yaml +2\n");
    }

    @Test
    void reports_invalid_files_with_file_line_and_field_and_still_lists_the_valid_ones() throws IOException {
        write("good.yaml", "name: good\nprocess: parallel\nagents: [{name: a, tools: [terminal]}, {name: b}]\n");
        write("bad.yaml", """
                name: infra
                agents:
                  - name: planner
                  - name: applier
                    max_steps: 1001
                    tols: [terminal]
                """);

        CliRun run = CliRun.of("list", "teams", "--teams-dir", dir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).containsPattern("good +parallel +a, b +\\S*good.yaml +0\n").doesNotContain("infra");
        assertThat(run.err().lines()).containsExactly(
                dir.resolve("bad.yaml") + ":5: agents[1].max_steps must be a whole number between 1 and 1000, not 1001",
                dir.resolve("bad.yaml") + ":6: agents[1].tols is not a field of an agent; did you mean tools?");
    }

    @Test
    void prints_teams_warnings_and_errors_as_json_for_ci() throws IOException {
        write("template.yaml", "name: t\nagents:\n  - name: a\n    tools: [terminal, browser]\n");
        write("broken.yaml", "name: [\n");

        CliRun run = CliRun.of("list", "teams", "--teams-dir", dir.toString(), "--output", "json");

        assertThat(run.exitCode()).isEqualTo(2);
        JsonNode result = Json.parse(run.out());
        assertThat(result.at("/teams/0/name").asText()).isEqualTo("t");
        assertThat(result.at("/teams/0/process").asText()).isEqualTo("router");
        assertThat(result.at("/teams/0/agents/0/offered_tools")).isEqualTo(Json.parse("[\"terminal\"]"));
        assertThat(result.at("/teams/0/warnings/0/line").asInt()).isEqualTo(4);
        assertThat(result.at("/teams/0/warnings/0/field").asText()).isEqualTo("agents[0].tools[1]");
        assertThat(result.at("/errors/0/file").asText()).isEqualTo(dir.resolve("broken.yaml").toString());
        assertThat(result.at("/errors/0/message").asText()).contains("is not valid YAML");
        assertThat(result.at("/errors/0/line").asInt()).isPositive();
    }

    @Test
    void two_teams_with_one_name_are_a_configuration_error() throws IOException {
        write("a.yaml", "name: infra\nagents: [{name: a}]\n");
        write("b.yaml", "name: infra\nagents: [{name: b}]\n");

        CliRun run = CliRun.of("list", "teams", "--teams-dir", dir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(dir.resolve("a.yaml") + ": name 'infra' is also the name of the team in "
                + dir.resolve("b.yaml"));
    }

    @Test
    void a_missing_teams_directory_exits_2_and_says_how_to_fix_it() {
        CliRun run = CliRun.of("list", "teams", "--teams-dir", dir.resolve("nope").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("there is no directory", "--teams-dir");
    }

    @Test
    void an_empty_directory_lists_nothing_and_succeeds() {
        CliRun run = CliRun.of("list", "teams", "--teams-dir", dir.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("no team files in " + dir + "\n");
    }
}
