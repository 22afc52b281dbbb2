package dev.agentplane.teams.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Team files: Plagentic's format as it is, AgentPlane's extensions, and errors that name file, line and field. */
class TeamParserTest {
    private static final Path FILE = Path.of("teams", "infra.yaml");

    private static TeamDefinition valid(String yaml) {
        TeamFile file = TeamParser.parse(FILE, yaml);
        assertThat(file).as("%s", file).isInstanceOf(TeamFile.Valid.class);
        return file.orThrow();
    }

    private static List<String> errors(String yaml) {
        TeamFile file = TeamParser.parse(FILE, yaml);
        assertThat(file).as("the team was accepted:%n%s", yaml).isInstanceOf(TeamFile.Invalid.class);
        return ((TeamFile.Invalid) file).errors().stream().map(TeamProblem::toString).toList();
    }

    @Test
    void reads_the_plagentic_template_as_it_is_and_warns_about_the_tools_it_cannot_offer() {
        TeamFile file = TeamParser.parse(Path.of("..", "examples", "teams", "team-template.yaml"));

        assertThat(file).isInstanceOf(TeamFile.Valid.class);
        TeamDefinition team = file.orThrow();
        assertThat(team.name()).isEqualTo("template-team");
        assertThat(team.version()).isEqualTo("1.0");
        assertThat(team.maxSteps()).isEqualTo(10);
        assertThat(team.model()).isEqualTo(new ModelSettings("claude", "claude-3-5-sonnet-20241022", 0.3));
        assertThat(team.config().path("enable_logging").asBoolean()).isTrue();
        assertThat(team.process()).isEqualTo(TeamProcess.ROUTER);
        AgentDefinition agent = team.agents().getFirst();
        assertThat(agent.name()).isEqualTo("Primary-Agent");
        assertThat(agent.role()).isEqualTo("Main Task Executor");
        assertThat(agent.description()).startsWith("Carries out the task");
        assertThat(agent.systemPrompt()).startsWith("You carry out the task").contains("\n2. Never run");
        assertThat(agent.tools()).containsExactly("terminal", "browser", "saveFile", "googleSearch");
        assertThat(agent.offeredTools()).containsExactly("terminal", "saveFile");
        assertThat(agent.model()).isEqualTo(team.model());
        assertThat(agent.maxSteps()).isEqualTo(10);
        assertThat(((TeamFile.Valid) file).warnings()).extracting(TeamProblem::toString).containsExactly(
                file.file() + ":41: agents[0].tools[1] 'browser' is not a tool AgentPlane provides; it will not be "
                        + "offered to the agent",
                file.file() + ":43: agents[0].tools[3] 'googleSearch' is not a tool AgentPlane provides; it will not be "
                        + "offered to the agent");
    }

    @Test
    void team_defaults_apply_to_agents_that_do_not_set_their_own() {
        TeamDefinition team = valid("""
                name: infra
                max_steps: 30
                memory: true
                model: {provider: openai, name: gpt-4o, temperature: 0.2}
                agents:
                  - name: planner
                  - name: applier
                    model: {name: gpt-4o-mini}
                    max_steps: 5
                    memory: false
                  - name: reviewer
                    model: {provider: claude, name: claude-3-5-haiku, temperature: 0}
                """);

        assertThat(team.agents()).extracting(AgentDefinition::model).containsExactly(
                new ModelSettings("openai", "gpt-4o", 0.2), new ModelSettings("openai", "gpt-4o-mini", 0.2),
                new ModelSettings("claude", "claude-3-5-haiku", 0.0));
        assertThat(team.agents()).extracting(AgentDefinition::maxSteps).containsExactly(30, 5, 30);
        assertThat(team.agents()).extracting(AgentDefinition::memory).containsExactly(true, false, true);
        assertThat(team.agents().getFirst().tools()).isEmpty();
    }

    @Test
    void without_a_team_model_agents_use_their_own_or_the_configured_default() {
        TeamDefinition team = valid("""
                name: plain
                agents:
                  - name: a
                  - name: b
                    model: {provider: openai, name: gpt-4o-mini}
                """);

        assertThat(team.model()).isNull();
        assertThat(team.agents()).extracting(AgentDefinition::model)
                .containsExactly(null, new ModelSettings("openai", "gpt-4o-mini", null));
        assertThat(team.maxSteps()).isEqualTo(TeamDefinition.DEFAULT_MAX_STEPS);
    }

    @Test
    void parallel_teams_merge_with_the_last_agent_and_hierarchical_teams_are_run_by_the_first_unless_told() {
        String agents = "agents: [{name: a}, {name: b}, {name: c}]\n";
        assertThat(valid("name: t\nprocess: parallel\n" + agents).mergeAgent()).isEqualTo("c");
        assertThat(valid("name: t\nprocess: parallel\nmerge_agent: a\n" + agents).mergeAgent()).isEqualTo("a");
        assertThat(valid("name: t\nprocess: hierarchical\n" + agents).manager()).isEqualTo("a");
        assertThat(valid("name: t\nprocess: hierarchical\nmanager: b\n" + agents).manager()).isEqualTo("b");
        TeamDefinition sequential = valid("name: t\nprocess: sequential\n" + agents);
        assertThat(sequential.process()).isEqualTo(TeamProcess.SEQUENTIAL);
        assertThat(sequential.mergeAgent()).isNull();
        assertThat(sequential.manager()).isNull();
    }

    @Test
    void a_mistake_in_a_tool_setting_or_an_mcp_server_is_reported_at_its_line_when_the_file_is_read() {
        List<String> errors = errors("""
                name: t
                tools:
                  terminal:
                    timeout_seconds: 0
                mcp_servers:
                  both: {command: npx, url: "http://localhost:9/mcp"}
                agents: [{name: a, tools: [terminal]}]
                """);

        assertThat(errors).hasSize(2);
        assertThat(errors.get(0)).startsWith("teams/infra.yaml:4: tools.terminal.timeout_seconds").contains("between 1 and 3600");
        assertThat(errors.get(1)).startsWith("teams/infra.yaml:6: mcp_servers.both");
    }

    @Test
    void keeps_mcp_servers_and_tool_settings_for_their_readers_and_offers_mcp_tools() {
        TeamDefinition team = valid("""
                name: research
                mcp_servers:
                  files: {command: npx, args: ["-y", "@modelcontextprotocol/server-filesystem", "."]}
                tools:
                  terminal: {timeout_seconds: 30, allow: [ls, cat]}
                  http: {allow_private: true}
                agents:
                  - name: researcher
                    tools: [mcp, "mcp:files", http, file]
                """);

        assertThat(team.mcpServers().at("/files/command").asText()).isEqualTo("npx");
        assertThat(team.tools()).containsOnlyKeys("terminal", "http");
        assertThat(team.toolSettings("terminal").orElseThrow().at("/allow/1").asText()).isEqualTo("cat");
        assertThat(team.agents().getFirst().offeredTools()).containsExactly("mcp", "mcp:files", "http", "file");
    }

    @Test
    void an_invalid_field_is_reported_with_file_line_and_field() {
        assertThat(errors("""
                name: infra
                agents:
                  - name: planner
                  - name: applier
                    max_steps: 1001
                """)).containsExactly(
                "teams/infra.yaml:5: agents[1].max_steps must be a whole number between 1 and 1000, not 1001");
    }

    @Test
    void every_error_of_a_file_is_reported_at_once_in_file_order() {
        assertThat(errors("""
                name: bad name
                max_steps: ten
                model: {provider: openai, temperature: 3}
                process: paralel
                agents:
                  - name: a
                    sytem_prompt: hi
                    tools: [terminal, terminal, 5]
                  - role: no name
                  - name: A
                """)).containsExactly(
                "teams/infra.yaml:1: name must be 1 to 100 letters, digits, '.', '_' and '-', starting with a letter or "
                        + "digit (it is how `agentplane run <team>` names the team), not 'bad name'",
                "teams/infra.yaml:2: max_steps must be a whole number between 1 and 1000, not 'ten'",
                "teams/infra.yaml:3: model.name is required, e.g. name: gpt-4o-mini",
                "teams/infra.yaml:3: model.temperature must be a number between 0 and 2, not 3",
                "teams/infra.yaml:4: process must be one of router, sequential, parallel, hierarchical, not 'paralel'; "
                        + "did you mean parallel?",
                "teams/infra.yaml:7: agents[0].sytem_prompt is not a field of an agent; did you mean system_prompt?",
                "teams/infra.yaml:8: agents[0].tools[1] 'terminal' is listed twice; list each tool once",
                "teams/infra.yaml:8: agents[0].tools[2] must be text, not 5",
                "teams/infra.yaml:9: agents[1].name is required, e.g. name: Planner",
                "teams/infra.yaml:10: agents[2].name 'A' is already the name of agents[0]; give each agent its own name");
    }

    @Test
    void unknown_fields_are_errors_except_in_the_free_form_config() {
        assertThat(errors("""
                name: t
                config: {enable_logging: true, anything: {goes: here}}
                desciption: typo
                owner: me
                agents: [{name: a}]
                """)).containsExactly(
                "teams/infra.yaml:3: desciption is not a field of a team; did you mean description?",
                "teams/infra.yaml:4: owner is not a field of a team; the fields are $schema, agents, config, description, "
                        + "manager, max_steps, mcp_servers, memory, merge_agent, model, name, process, tools, version");
    }

    @Test
    void roles_that_do_not_fit_the_process_or_name_no_agent_are_errors() {
        assertThat(errors("""
                name: t
                merge_agent: a
                agents: [{name: a}]
                """)).containsExactly("teams/infra.yaml:2: merge_agent is used only by process: parallel (this team's "
                + "process is router); remove it or set process: parallel");
        assertThat(errors("""
                name: t
                process: hierarchical
                manager: bos
                agents: [{name: boss}, {name: worker}]
                """)).containsExactly("teams/infra.yaml:3: manager 'bos' is not an agent of this team; did you mean "
                + "boss?; the agents are boss, worker (leave it out for the first agent)");
    }

    @Test
    void tool_settings_are_for_tools_that_take_them() {
        assertThat(errors("""
                name: t
                tools:
                  terminl: {}
                  saveFile: {}
                  browser: {}
                  http: true
                agents: [{name: a}]
                """)).containsExactly(
                "teams/infra.yaml:3: tools.terminl is not a tool that takes settings; did you mean terminal?",
                "teams/infra.yaml:4: tools.saveFile is not a tool with settings of its own; write saveFile's settings "
                        + "under tools.file",
                "teams/infra.yaml:5: tools.browser is not a tool that takes settings; the tools with settings are "
                        + "terminal, file, http, terraform, policy, interpret, state, escalate (MCP servers are set under mcp_servers)",
                "teams/infra.yaml:6: tools.http must be a mapping, e.g. {timeout_seconds: 60}, not true");
    }

    @Test
    void an_agent_model_needs_a_provider_and_name_from_somewhere() {
        assertThat(errors("name: t\nagents:\n  - name: a\n    model: {temperature: 0.5}\n")).containsExactly(
                "teams/infra.yaml:4: agents[0].model needs a provider and a name (the team has no model to take them "
                        + "from), e.g. {provider: openai, name: gpt-4o-mini, temperature: 0.2}");
    }

    @Test
    void a_team_needs_a_name_and_agents() {
        assertThat(errors("description: nothing\n")).containsExactly(
                "teams/infra.yaml:1: name is required, e.g. name: infra-team",
                "teams/infra.yaml:1: agents must list at least one agent, e.g. [{name: Planner, role: …, tools: [terminal]}]");
        assertThat(errors("name: t\nagents: []\n")).containsExactly(
                "teams/infra.yaml:2: agents must list at least one agent, e.g. [{name: Planner, role: …, tools: [terminal]}]");
        assertThat(errors("")).containsExactly("teams/infra.yaml:1: the file is empty; a team file needs at least name and agents");
        assertThat(errors("- name: a\n")).containsExactly(
                "teams/infra.yaml:1: the file must be a mapping with name, model and agents, not a list");
    }

    @Test
    void syntax_errors_duplicate_keys_and_aliases_name_their_line() {
        assertThat(errors("name: t\nagents:\n  - name: [a\n")).singleElement().asString()
                .startsWith("teams/infra.yaml:").contains("is not valid YAML");
        assertThat(errors("""
                name: t
                agents:
                  - name: a
                    role: x
                    role: y
                """)).containsExactly(
                "teams/infra.yaml:5: agents[0].role is defined twice (lines 4 and 5); keep one 'role'");
        assertThat(errors("""
                name: t
                model: &m {provider: openai, name: gpt-4o}
                agents:
                  - name: a
                    model: *m
                """)).singleElement().asString()
                .startsWith("teams/infra.yaml:5: agents[0].model is a YAML alias (*m)");
    }

    @Test
    void reads_json_team_files_and_numeric_versions() {
        TeamFile file = TeamParser.parse(Path.of("teams", "t.json"),
                "{\"name\": \"t\", \"version\": 2, \"agents\": [{\"name\": \"a\", \"tools\": [\"file\"]}]}");
        assertThat(file.orThrow().version()).isEqualTo("2");
        assertThat(valid("name: t\nversion: 1.0\nagents: [{name: a}]\n").version()).isEqualTo("1.0");
    }

    @Test
    void the_teams_in_the_docs_are_valid() throws IOException {
        Matcher block = Pattern.compile("```yaml\\n(name:.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("..", "docs", "teams.md")));
        int teams = 0;
        while (block.find()) {
            valid(block.group(1));
            teams++;
        }
        assertThat(teams).isEqualTo(2);
    }

    @Test
    void an_invalid_file_cannot_be_used_as_a_team() {
        TeamFile file = TeamParser.parse(FILE, "name: t\nagents: [{name: a, max_steps: 0}]\n");
        assertThat(file.name()).isEqualTo("t");
        assertThatThrownBy(file::orThrow).isInstanceOf(TeamDefinitionException.class)
                .hasMessage("teams/infra.yaml:2: agents[0].max_steps must be a whole number between 1 and 1000, not 0");
    }
}
