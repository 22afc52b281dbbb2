package dev.agentplane.teams.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding teams in a directory by name and by file name; duplicate names make both files invalid. */
class TeamCatalogTest {
    @TempDir
    Path dir;

    private void write(String file, String text) throws IOException {
        Files.writeString(dir.resolve(file), text);
    }

    @Test
    void finds_teams_by_name_and_by_file_name() throws IOException {
        write("infrastructure-team.yaml", "name: infra\nagents: [{name: a}]\n");
        write("research.yml", "name: research\nagents: [{name: a}]\n");
        write("other.json", "{\"name\": \"json-team\", \"agents\": [{\"name\": \"a\"}]}");
        write("notes.txt", "not a team");
        write(".hidden.yaml", "not: a team");

        TeamCatalog catalog = TeamCatalog.scan(dir);

        assertThat(catalog.teams()).extracting(TeamFile::name).containsExactly("infra", "json-team", "research");
        assertThat(catalog.errors()).isEmpty();
        assertThat(catalog.find("infra").orElseThrow().file()).isEqualTo(dir.resolve("infrastructure-team.yaml"));
        assertThat(catalog.find("infrastructure-team").orElseThrow().name()).isEqualTo("infra");
        assertThat(catalog.find("research.yml").orElseThrow().name()).isEqualTo("research");
        assertThat(catalog.find("nobody")).isEmpty();
    }

    @Test
    void an_invalid_file_is_listed_with_its_errors_and_does_not_hide_the_others() throws IOException {
        write("good.yaml", "name: good\nagents: [{name: a}]\n");
        write("bad.yaml", "name: bad\nagents:\n  - name: a\n    max_steps: 0\n");

        TeamCatalog catalog = TeamCatalog.scan(dir);

        assertThat(catalog.teams()).extracting(TeamFile::name).containsExactly("good");
        assertThat(catalog.errors()).extracting(TeamProblem::toString).containsExactly(
                dir.resolve("bad.yaml") + ":4: agents[0].max_steps must be a whole number between 1 and 1000, not 0");
        assertThat(catalog.find("bad").orElseThrow()).isInstanceOf(TeamFile.Invalid.class);
    }

    @Test
    void two_files_with_the_same_team_name_are_both_errors_naming_each_other() throws IOException {
        write("a.yaml", "name: infra\nagents: [{name: a}]\n");
        write("b.yaml", "name: infra\nagents: [{name: b}]\n");

        TeamCatalog catalog = TeamCatalog.scan(dir);

        assertThat(catalog.teams()).isEmpty();
        assertThat(catalog.errors()).extracting(TeamProblem::toString).containsExactly(
                dir.resolve("a.yaml") + ": name 'infra' is also the name of the team in " + dir.resolve("b.yaml")
                        + "; give each team its own name",
                dir.resolve("b.yaml") + ": name 'infra' is also the name of the team in " + dir.resolve("a.yaml")
                        + "; give each team its own name");
    }

    @Test
    void a_missing_directory_is_an_error() {
        assertThatThrownBy(() -> TeamCatalog.scan(dir.resolve("nope"))).isInstanceOf(NoSuchFileException.class);
    }
}
