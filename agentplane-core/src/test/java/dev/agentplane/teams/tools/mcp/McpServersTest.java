package dev.agentplane.teams.tools.mcp;

import static dev.agentplane.teams.tools.mcp.McpToolTesting.servers;
import static dev.agentplane.teams.tools.mcp.McpToolTesting.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class McpServersTest {
    @Test
    void reads_a_stdio_server_with_its_command_args_env_and_cwd() {
        McpServers servers = servers("""
                mcp_servers:
                  files:
                    command: npx
                    args: [-y, "@modelcontextprotocol/server-filesystem", /data]
                    env: {LOG_LEVEL: debug, PORT: 3001}
                    cwd: /srv/mcp
                """);

        McpServerSettings files = servers.servers().getFirst();
        assertThat(files.name()).isEqualTo("files");
        assertThat(files.endpoint()).isEqualTo(new McpEndpoint.Stdio("npx",
                List.of("-y", "@modelcontextprotocol/server-filesystem", "/data"),
                Map.of("LOG_LEVEL", "debug", "PORT", "3001"), Path.of("/srv/mcp")));
        assertThat(files.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(files.tools()).isEmpty();
        assertThat(files.offers("anything")).isTrue();
    }

    @Test
    void reads_a_streamable_http_server_with_headers_timeout_and_allow_list() {
        McpServers servers = servers("""
                mcp_servers:
                  search:
                    url: https://mcp.example.com/mcp
                    headers: {Authorization: "Bearer ${SEARCH_TOKEN}", X-Team: "${TEAM}-${TEAM}"}
                    timeout_seconds: 90
                    tools: [search, fetch]
                """, Map.of("SEARCH_TOKEN", "tok-123", "TEAM", "infra"));

        McpServerSettings search = servers.servers().getFirst();
        assertThat(search.endpoint()).isEqualTo(new McpEndpoint.StreamableHttp(URI.create(
                "https://mcp.example.com/mcp"), Map.of("Authorization", "Bearer tok-123", "X-Team", "infra-infra")));
        assertThat(search.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(search.tools()).isEqualTo(Set.of("search", "fetch"));
        assertThat(search.offers("fetch")).isTrue();
        assertThat(search.offers("delete")).isFalse();
    }

    @Test
    void no_section_means_no_servers() {
        assertThat(McpServers.from(null, "mcp_servers").isEmpty()).isTrue();
        assertThat(McpServers.from(MissingNode.getInstance(), "mcp_servers").isEmpty()).isTrue();
        assertThat(McpServers.from(NullNode.getInstance(), "mcp_servers").isEmpty()).isTrue();
    }

    @Test
    void secrets_from_the_environment_do_not_show_in_settings_text() {
        McpServers servers = servers("""
                mcp_servers:
                  a: {command: server, env: {TOKEN: "${TOKEN}"}}
                  b: {url: "http://127.0.0.1:1/mcp", headers: {Authorization: "Bearer ${TOKEN}"}}
                """, Map.of("TOKEN", "very-secret"));

        assertThat(servers.toString()).contains("TOKEN", "Authorization").doesNotContain("very-secret");
    }

    @Test
    void an_unset_environment_variable_is_an_error_naming_it_and_the_key() {
        assertThatThrownBy(() -> servers("""
                mcp_servers:
                  github: {command: server, env: {GITHUB_TOKEN: "${GITHUB_TOKEN}"}}
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("mcp_servers.github.env.GITHUB_TOKEN refers to the environment variable"
                        + " GITHUB_TOKEN, which is not set");
        assertThatThrownBy(() -> servers("""
                mcp_servers:
                  search: {url: "http://127.0.0.1:1/mcp", headers: {Authorization: "Bearer ${NOPE}"}}
                """))
                .hasMessageStartingWith("mcp_servers.search.headers.Authorization refers to the environment"
                        + " variable NOPE");
    }

    @Test
    void each_mistake_is_an_error_naming_its_key_path() {
        assertError("mcp_servers: [a, b]", "mcp_servers must be a map of server names to server settings");
        assertError("mcp_servers: {\"bad name\": {command: x}}", "mcp_servers.bad name: a server name has 1 to 40");
        assertError("mcp_servers: {s: x}", "mcp_servers.s must be a map with either command");
        assertError("mcp_servers: {s: {args: [a]}}", "mcp_servers.s must have exactly one of command");
        assertError("mcp_servers: {s: {command: x, url: 'http://h/mcp'}}",
                "mcp_servers.s must have exactly one of command");
        assertError("mcp_servers: {s: {command: x, comand: y}}",
                "mcp_servers.s.comand is not a setting of an MCP server");
        assertError("mcp_servers: {s: {command: [x]}}", "mcp_servers.s.command must be a string");
        assertError("mcp_servers: {s: {command: ' '}}", "mcp_servers.s.command must name the program");
        assertError("mcp_servers: {s: {command: x, args: a}}", "mcp_servers.s.args must be a list of strings");
        assertError("mcp_servers: {s: {command: x, args: [a, {b: c}]}}", "mcp_servers.s.args[1] must be a string");
        assertError("mcp_servers: {s: {command: x, env: [A]}}", "mcp_servers.s.env must be a map");
        assertError("mcp_servers: {s: {command: x, headers: {A: b}}}", "mcp_servers.s.headers is for url servers");
        assertError("mcp_servers: {s: {url: 'http://h/mcp', env: {A: b}}}",
                "mcp_servers.s.env is for command servers");
        assertError("mcp_servers: {s: {url: 'ftp://h/mcp'}}", "mcp_servers.s.url must be an http:// or https://");
        assertError("mcp_servers: {s: {url: 'http://h/a b'}}", "mcp_servers.s.url is not a valid URL");
        assertError("mcp_servers: {s: {command: x, timeout_seconds: 0}}",
                "mcp_servers.s.timeout_seconds must be a whole number of seconds between 1 and 3600");
        assertError("mcp_servers: {s: {command: x, timeout_seconds: '30'}}",
                "mcp_servers.s.timeout_seconds must be a whole number");
        assertError("mcp_servers: {s: {command: x, timeout_seconds: 1.5}}",
                "mcp_servers.s.timeout_seconds must be a whole number");
        assertError("mcp_servers: {s: {command: x, tools: []}}", "mcp_servers.s.tools must be a non-empty list");
        assertError("mcp_servers: {s: {command: x, tools: [a, 2]}}", "mcp_servers.s.tools[1] must be a string");
    }

    private static void assertError(String yaml, String message) {
        assertThatThrownBy(() -> McpServers.from(yaml(yaml).get("mcp_servers"), "mcp_servers", name -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }
}
