package dev.agentplane.teams.tools.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ToolNamesTest {
    private static final String PROVIDER_NAME = "[a-zA-Z0-9_-]{1,64}";

    @Test
    void joins_server_and_tool_with_two_underscores() {
        assertThat(ToolNames.qualified("everything", "get-sum")).isEqualTo("everything__get-sum");
    }

    @Test
    void replaces_characters_providers_refuse() {
        assertThat(ToolNames.qualified("files", "read.file v2")).isEqualTo("files__read_file_v2");
    }

    @Test
    void cuts_long_names_to_64_characters_keeping_them_apart() {
        String first = ToolNames.qualified("server", "a".repeat(80) + "-one");
        String second = ToolNames.qualified("server", "a".repeat(80) + "-two");

        assertThat(first).matches(PROVIDER_NAME).startsWith("server__aaaa");
        assertThat(second).matches(PROVIDER_NAME);
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void a_distinct_name_differs_from_the_plain_one_and_fits() {
        assertThat(ToolNames.distinct("files", "read_file")).matches(PROVIDER_NAME)
                .startsWith("files__read_file_").isNotEqualTo("files__read_file");
    }
}
