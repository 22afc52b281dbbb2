package dev.agentplane.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentplane.common.problems.FieldError;
import dev.agentplane.common.problems.FieldErrors;
import dev.agentplane.common.problems.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing and validation of definition text, without a database. */
class DefinitionParsingTest {

    private static List<FieldError> errorsOf(WorkflowFormat format, String text) {
        try {
            FieldErrors errors = new FieldErrors();
            DefinitionValidator.validate(DefinitionReader.read(format, text, errors), errors);
            errors.throwIfAny();
        } catch (InvalidInputException e) {
            return e.errors();
        }
        throw new AssertionError("the definition was accepted:\n" + text);
    }

    @Test
    void a_valid_yaml_definition_parses_to_its_tree() {
        FieldErrors errors = new FieldErrors();
        ParsedDefinition parsed = DefinitionReader.read(WorkflowFormat.YAML, """
                name: invoices
                steps:
                  - id: read
                    type: agent
                    agent: reader
                    task: read the invoice
                """, errors);
        DefinitionValidator.validate(parsed, errors);
        errors.throwIfAny();

        assertThat(parsed.tree().at("/steps/0/type").asText()).isEqualTo("agent");
        assertThat(parsed.at("/steps/0/type")).isEqualTo(" (line 4)");
    }

    @Test
    void missing_and_mistyped_members_are_reported_with_pointer_and_line() {
        List<FieldError> errors = errorsOf(WorkflowFormat.YAML, """
                name: bad name
                description: [not, text]
                steps:
                  - id: fetch
                    type: tool
                    tool: core.echo
                  - id: 2
                    type: tool
                    tool: core.echo
                  - type: tool
                    tool: core.echo
                  - id: fetch
                  - just a string
                """);

        assertThat(errors).extracting(FieldError::pointer).containsExactly("/name", "/description", "/steps/1/id",
                "/steps/2/id", "/steps/3/id", "/steps/3/type", "/steps/4");
        assertThat(errors.get(0).detail()).contains("'bad name'", "(line 1)");
        assertThat(errors.get(2).detail()).contains("not a string", "(line 7)");
        assertThat(errors.get(2).fix()).contains("quote it");
        assertThat(errors.get(3).detail()).contains("is required", "(line 10)");
        assertThat(errors.get(4).detail()).contains("'fetch' is already the id of /steps/0", "(line 12)");
        assertThat(errors.get(6).detail()).contains("(line 13)");
    }

    @Test
    void steps_must_be_a_non_empty_list() {
        assertThat(errorsOf(WorkflowFormat.JSON, "{\"name\": \"a\", \"steps\": []}"))
                .singleElement().satisfies(e -> {
                    assertThat(e.pointer()).isEqualTo("/steps");
                    assertThat(e.detail()).contains("is empty", "(line 1)");
                });
        assertThat(errorsOf(WorkflowFormat.YAML, "name: a\n")).extracting(FieldError::pointer).containsExactly("/steps");
        assertThat(errorsOf(WorkflowFormat.YAML, "name: a\nsteps: {id: x}\n")).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("is not a list", "(line 2)"));
    }

    @Test
    void yaml_syntax_errors_name_the_line_and_column() {
        assertThat(errorsOf(WorkflowFormat.YAML, "name: a\nsteps:\n  - id: [x\n    type: tool\n")).singleElement()
                .satisfies(e -> {
                    assertThat(e.pointer()).isEqualTo("/steps/0/id");
                    assertThat(e.detail()).startsWith("is not valid YAML: ").contains("line ").doesNotContain("\n");
                });
    }

    @Test
    void json_syntax_errors_name_the_line_and_column() {
        assertThat(errorsOf(WorkflowFormat.JSON, "{\n  \"name\": \"a\",\n  \"steps\": [\n    {\"id\": \"x\" \"type\": 1}\n]}"))
                .singleElement().satisfies(e -> {
                    assertThat(e.pointer()).isEqualTo("/steps/0");
                    assertThat(e.detail()).startsWith("is not valid JSON: ").contains("(line 4, column");
                });
    }

    @Test
    void the_root_must_be_one_non_empty_object() {
        assertThat(errorsOf(WorkflowFormat.YAML, "")).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("is empty"));
        assertThat(errorsOf(WorkflowFormat.YAML, "- id: a\n")).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("is not an object"));
        assertThat(errorsOf(WorkflowFormat.YAML, "name: a\nsteps: [{id: a, type: b}]\n---\nname: b\n")).singleElement()
                .satisfies(e -> {
                    assertThat(e.detail()).contains("content after the definition", "line 4");
                    assertThat(e.fix()).contains("exactly one YAML document");
                });
        assertThat(errorsOf(WorkflowFormat.JSON, "{\"name\": \"a\", \"steps\": [{\"id\": \"a\", \"type\": \"b\"}]} {}"))
                .singleElement().satisfies(e -> assertThat(e.detail()).contains("content after the definition"));
    }

    @Test
    void duplicate_keys_and_yaml_aliases_are_refused_rather_than_silently_collapsed() {
        assertThat(errorsOf(WorkflowFormat.YAML, """
                name: a
                steps:
                  - id: a
                    type: tool
                    id: b
                    tool: core.echo
                """)).singleElement().satisfies(e -> {
                    assertThat(e.pointer()).isEqualTo("/steps/0/id");
                    assertThat(e.detail()).contains("defined twice (lines 3 and 5)");
                });
        assertThat(errorsOf(WorkflowFormat.YAML, """
                name: a
                defaults: &d {timeout: 5m}
                steps:
                  - id: a
                    type: tool
                    with: *d
                    tool: core.echo
                """)).singleElement().satisfies(e -> {
                    assertThat(e.pointer()).isEqualTo("/steps/0/with");
                    assertThat(e.detail()).contains("YAML alias", "line 6");
                });
    }

    @Test
    void absurd_nesting_is_a_400_not_a_crash() {
        for (WorkflowFormat format : WorkflowFormat.values()) {
            assertThatThrownBy(() -> DefinitionReader.read(format, "[".repeat(100_000), new FieldErrors()))
                    .isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void json_pointers_escape_slashes_and_tildes_in_member_names() {
        assertThatThrownBy(() -> DefinitionReader.read(WorkflowFormat.JSON, "{\"a/b~c\": [1, }", new FieldErrors()))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).pointer()).isEqualTo("/a~1b~0c"));
    }
}
