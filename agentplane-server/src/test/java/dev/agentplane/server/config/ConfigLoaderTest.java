package dev.agentplane.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void defaults_to_port_8080_and_sqlite_in_data() {
        ServerConfig config = ConfigLoader.load(null, Map.of());

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.database().jdbcUrl()).endsWith("data/agentplane.db").startsWith("jdbc:sqlite:");
    }

    @Test
    void reads_the_yaml_file_and_lets_environment_variables_win() throws IOException {
        Path file = Files.writeString(dir.resolve("agentplane.yaml"), """
                port: 9000
                data_dir: /var/lib/agentplane
                database:
                  url: jdbc:postgresql://db:5432/agentplane
                  user: app
                """);

        ServerConfig config = ConfigLoader.load(file, Map.of("AGENTPLANE_DATABASE_USER", "ops", "AGENTPLANE_PORT", "9100"));

        assertThat(config.port()).isEqualTo(9100);
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/agentplane"));
        assertThat(config.database().jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/agentplane");
        assertThat(config.database().user()).isEqualTo("ops");
    }

    @Test
    void cors_lists_come_from_yaml_lists_or_comma_separated_variables() throws IOException {
        Path file = Files.writeString(dir.resolve("cors.yaml"), """
                cors:
                  allowed_origins: [https://a.example, https://b.example]
                """);

        assertThat(ConfigLoader.load(file, Map.of()).cors().allowedOrigins())
                .containsExactly("https://a.example", "https://b.example");
        assertThat(ConfigLoader.load(null, Map.of("AGENTPLANE_CORS_ALLOWED_ORIGINS", "https://c.example, *")).cors()
                .allowedOrigins()).containsExactly("https://c.example", "*");
        assertThat(ConfigLoader.load(null, Map.of()).cors().allowedOrigins()).isEmpty();
    }

    @Test
    void a_plagentic_config_yaml_is_read_with_its_models_and_its_other_sections_accepted() throws IOException {
        Path file = Files.writeString(dir.resolve("models.yaml"), """
                port: 9000
                tools:
                  terminal: {enabled: true, timeout: 30}
                logging: {level: INFO}
                security: {rbac_enabled: false}
                models:
                  openai: {api_key: "${OPENAI_API_KEY}", models: [gpt-4o-mini]}
                  ollama: {api_base: "http://localhost:11434/v1", models: [llama3.1]}
                default_model: ollama/llama3.1
                prices: {gpt-4o-mini: {input: 0.2, output: 0.8}}
                """);

        ServerConfig config = ConfigLoader.load(file, Map.of("OPENAI_API_KEY", "sk-live"));

        assertThat(config.port()).isEqualTo(9000);
        assertThat(config.llm().configuredModels()).contains("openai/gpt-4o-mini", "ollama/llama3.1");
        assertThat(config.llm().defaultModel().toString()).isEqualTo("ollama/llama3.1");
        assertThat(ConfigLoader.load(null, Map.of()).llm().providers()).isEmpty();
        assertThat(ConfigLoader.load(file, Map.of()).llm().provider("openai").orElseThrow().usable())
                .as("a provider whose key variable is unset is kept, unusable").isFalse();
    }

    @Test
    void the_example_config_yaml_loads_with_only_the_keys_at_hand() {
        ServerConfig config = ConfigLoader.load(Path.of("..", "examples", "config.yaml"), Map.of("OPENAI_API_KEY", "sk-x"));

        assertThat(config.llm().defaultModel().toString()).isEqualTo("openai/gpt-4o-mini");
        assertThat(config.llm().provider("claude").orElseThrow().usable()).isFalse();
        assertThat(config.llm().provider("ollama").orElseThrow().usable()).isTrue();
    }

    @Test
    void an_unknown_setting_or_a_bad_number_is_named() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yaml"), "prot: 9000\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'prot'").hasMessageContaining("port");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("AGENTPLANE_PORT", "eighty")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AGENTPLANE_PORT");
    }

    @Test
    void engine_workers_and_lease_come_from_yaml_or_variables_within_bounds() throws IOException {
        Path file = Files.writeString(dir.resolve("engine.yaml"), """
                engine:
                  workers: 8
                  lease_seconds: 10
                """);

        assertThat(ConfigLoader.load(null, Map.of()).engine().lease()).isEqualTo(Duration.ofSeconds(30));
        assertThat(ConfigLoader.load(file, Map.of()).engine().workers()).isEqualTo(8);
        assertThat(ConfigLoader.load(file, Map.of()).engine().lease()).isEqualTo(Duration.ofSeconds(10));
        assertThat(ConfigLoader.load(file, Map.of("AGENTPLANE_ENGINE_LEASE_SECONDS", "3")).engine().lease())
                .isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("AGENTPLANE_ENGINE_LEASE_SECONDS", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AGENTPLANE_ENGINE_LEASE_SECONDS");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("AGENTPLANE_ENGINE_WORKERS", "many")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AGENTPLANE_ENGINE_WORKERS");
    }
}
