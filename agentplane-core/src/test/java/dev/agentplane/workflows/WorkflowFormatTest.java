package dev.agentplane.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentplane.common.problems.ProblemException;
import org.junit.jupiter.api.Test;

class WorkflowFormatTest {

    @Test
    void content_type_chooses_the_format_ignoring_case_and_parameters() {
        assertThat(WorkflowFormat.ofContentType("application/json; charset=utf-8")).isEqualTo(WorkflowFormat.JSON);
        assertThat(WorkflowFormat.ofContentType("application/yaml")).isEqualTo(WorkflowFormat.YAML);
        assertThat(WorkflowFormat.ofContentType("Application/X-YAML")).isEqualTo(WorkflowFormat.YAML);
        assertThat(WorkflowFormat.ofContentType("text/yaml;charset=UTF-8")).isEqualTo(WorkflowFormat.YAML);
    }

    @Test
    void other_or_missing_content_types_are_415_naming_the_accepted_ones() {
        assertThatThrownBy(() -> WorkflowFormat.ofContentType("text/plain"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(415);
                    assertThat(e.detail()).contains("'text/plain'", "application/json", "application/yaml",
                            "application/x-yaml", "text/yaml");
                });
        assertThatThrownBy(() -> WorkflowFormat.ofContentType(null))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.detail()).contains("no Content-Type"));
    }
}
