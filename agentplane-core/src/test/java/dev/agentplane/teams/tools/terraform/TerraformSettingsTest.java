package dev.agentplane.teams.tools.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentplane.common.Json;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TerraformSettingsTest {
    private static TerraformSettings read(String yaml) throws Exception {
        return TerraformSettings.from(Json.YAML.readTree(yaml), "tools.terraform");
    }

    @Test
    void a_missing_section_means_safe_defaults() {
        TerraformSettings defaults = TerraformSettings.from(null, "tools.terraform");

        assertThat(defaults).isEqualTo(TerraformSettings.defaults());
        assertThat(defaults.binary()).isEqualTo("terraform");
        assertThat(defaults.workingDir()).isEqualTo(".");
        assertThat(defaults.timeoutSeconds()).isEqualTo(600);
        assertThat(defaults.autoApprove()).isFalse();
        assertThat(defaults.pluginCacheDir()).isEmpty();
    }

    @Test
    void reads_every_key() throws Exception {
        TerraformSettings settings = read("""
                binary: /usr/local/bin/terraform
                working_dir: infra/staging
                timeout_seconds: 900
                auto_approve: true
                plugin_cache_dir: /var/cache/terraform
                cli_config_file: /etc/terraformrc
                """);

        assertThat(settings).isEqualTo(new TerraformSettings("/usr/local/bin/terraform", "infra/staging", 900, true,
                Optional.of(Path.of("/var/cache/terraform")), Optional.of(Path.of("/etc/terraformrc"))));
    }

    @Test
    void errors_name_the_key_path_and_what_is_allowed() {
        assertThatThrownBy(() -> read("timeout_seconds: 0")).hasMessage(
                "tools.terraform.timeout_seconds must be a whole number between 1 and 86400");
        assertThatThrownBy(() -> read("timeout_seconds: '60'")).hasMessageStartingWith(
                "tools.terraform.timeout_seconds must be");
        assertThatThrownBy(() -> read("auto_approve: 'yes'")).hasMessage(
                "tools.terraform.auto_approve must be true or false");
        assertThatThrownBy(() -> read("working_dir: ../elsewhere")).hasMessageStartingWith(
                "tools.terraform.working_dir must be a directory inside the workspace");
        assertThatThrownBy(() -> read("working_dir: /etc")).hasMessageStartingWith(
                "tools.terraform.working_dir must be a directory inside the workspace");
        assertThatThrownBy(() -> read("plugin_cache_dir: cache")).hasMessage(
                "tools.terraform.plugin_cache_dir must be an absolute path, not cache");
        assertThatThrownBy(() -> read("binary: ''")).hasMessage("tools.terraform.binary must be a non-empty string");
        assertThatThrownBy(() -> read("auto-approve: true")).hasMessageStartingWith(
                "tools.terraform.auto-approve is not a setting of terraform; use one of auto_approve, binary");
        assertThatThrownBy(() -> read("[1]")).hasMessageStartingWith("tools.terraform must be an object");
    }
}
