package dev.agentplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Profiles in the CLI's config file pick the server and key; shell completion covers every command. */
class ProfilesAndCompletionTest {
    @TempDir
    Path dir;

    @BeforeEach
    void ownConfigFile() {
        System.setProperty("agentplane.cli.config", dir.resolve("agentplane/config.yaml").toString());
    }

    @AfterEach
    void restore() {
        System.clearProperty("agentplane.cli.config");
    }

    @ApiTest
    void the_current_profile_is_used_when_no_server_is_given(Api api) throws Exception {
        CliRun saved = CliRun.of("profiles", "set", "staging", "--server", api.baseUrl(), "--api-key", api.key());
        CliRun other = CliRun.of("profiles", "set", "nowhere", "--server", "http://127.0.0.1:9", "--api-key", "ap_x_y");
        String name = "profiled-" + Api.unique();

        CliRun registered = CliRun.of("agents", "register", name);
        CliRun listed = CliRun.of("profiles", "list");
        CliRun elsewhere = CliRun.of("agents", "list", "--profile", "nowhere");
        CliRun unknown = CliRun.of("agents", "list", "--profile", "prod");

        assertThat(saved.out()).contains("profile staging saved", "(current)");
        assertThat(other.out()).doesNotContain("(current)");
        assertThat(registered.exitCode()).as(registered.err()).isZero();
        assertThat(listed.out()).contains("*  staging", api.baseUrl()).doesNotContain(api.key());
        assertThat(elsewhere.exitCode()).isEqualTo(1);
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no profile named 'prod'", "staging", "agentplane profiles set prod");
        Path file = dir.resolve("agentplane/config.yaml");
        assertThat(Files.readString(file)).contains("current: staging", "api_key: " + api.key());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(CliRun.of("profiles", "use", "nowhere").exitCode()).isZero();
        assertThat(CliRun.of("agents", "list").exitCode()).as("the current profile is now unreachable").isEqualTo(1);
        assertThat(CliRun.of("profiles", "remove", "nowhere").exitCode()).isZero();
    }

    @Test
    void completion_scripts_name_every_command_and_option() {
        CliRun bash = CliRun.of("completion", "bash");
        CliRun zsh = CliRun.of("completion", "zsh");

        assertThat(bash.exitCode()).isZero();
        assertThat(bash.out()).contains("complete -F", "agentplane").contains("executions", "escalations", "watch", "resolve",
                "--resolution", "--profile");
        assertThat(zsh.out()).startsWith("autoload -U +X compinit").contains("bashcompinit");
    }

    @Test
    void the_help_names_every_resource_command_with_its_description() {
        CliRun help = CliRun.of("--help");

        assertThat(help.out()).contains("agents", "executions", "escalations", "profiles", "completion", "mcp")
                .contains("Organization secrets for workflows (${{ secrets.NAME }})").doesNotContain("(null)");
    }
}
