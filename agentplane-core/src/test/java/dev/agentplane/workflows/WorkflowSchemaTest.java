package dev.agentplane.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.agentplane.common.Json;
import dev.agentplane.common.problems.FieldError;
import dev.agentplane.common.problems.FieldErrors;
import dev.agentplane.common.problems.InvalidInputException;
import dev.agentplane.workflows.definition.DefinitionParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * schemas/workflow.schema.json, which editors use to complete and check definitions, and the parser that the
 * server uses agree: on what is valid, on what is not, and on the fields each part of a definition has.
 */
class WorkflowSchemaTest {
    private static final Path SCHEMA_FILE = Path.of("..", "schemas", "workflow.schema.json");
    /** The examples and, under templates/, the templates GET /v1/templates serves. */
    private static final Path EXAMPLES = Path.of("..", "examples", "workflows");
    /** Tests whose definitions the parser accepts must match the schema too; new engine tests are picked up. */
    private static final Path PARSER_TESTS = Path.of("src", "test", "java", "dev", "agentplane", "workflows");
    private static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\"[ \\t]*\\R(.*?)\"\"\"", Pattern.DOTALL);

    private static final JsonNode SCHEMA_TREE = Json.parse(read(SCHEMA_FILE));
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(SCHEMA_TREE, SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build());

    private record Located(String pointer, String message) {
        @Override
        public String toString() {
            return pointer + ": " + message;
        }
    }

    @Test
    void the_schema_is_a_valid_2020_12_schema_with_hover_text_on_every_field() {
        JsonSchema metaSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        assertThat(metaSchema.validate(SCHEMA_TREE)).isEmpty();
        assertThat(SCHEMA_TREE.path("$id").asText()).isEqualTo("https://agentplane.dev/schemas/workflow.schema.json");

        List<String> undocumented = new ArrayList<>();
        collectUndocumentedFields(SCHEMA_TREE, "", undocumented);
        assertThat(undocumented).as("fields without a title and a description (editors show them on hover)").isEmpty();
    }

    @Test
    void every_example_workflow_and_template_matches_the_schema_and_parses() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(EXAMPLES)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).contains(EXAMPLES.resolve("refund-triage.yaml"),
                EXAMPLES.resolve("templates").resolve("data_extraction.yaml"));
        SoftAssertions softly = new SoftAssertions();
        for (Path file : files) {
            String text = read(file);
            softly.assertThat(parserProblems(WorkflowFormat.YAML, text)).as("parser on %s", file).isEmpty();
            softly.assertThat(schemaProblems(Json.YAML, text)).as("schema on %s", file).isEmpty();
        }
        softly.assertAll();
    }

    @Test
    void every_definition_the_parser_tests_accept_matches_the_schema() throws IOException {
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(PARSER_TESTS)) {
            sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        Set<String> sourcesWithValidDefinitions = new TreeSet<>();
        SoftAssertions softly = new SoftAssertions();
        for (Path source : sources) {
            Matcher block = TEXT_BLOCK.matcher(read(source));
            while (block.find()) {
                String text = block.group(1).stripIndent().translateEscapes();
                if (parses(text)) {
                    sourcesWithValidDefinitions.add(source.getFileName().toString());
                    softly.assertThat(schemaProblems(Json.YAML, text))
                            .as("the parser accepts this definition from %s but the schema refuses it; update "
                                    + "schemas/workflow.schema.json:%n%s", source.getFileName(), text)
                            .isEmpty();
                }
            }
        }
        softly.assertAll();
        assertThat(sourcesWithValidDefinitions).contains("DefinitionParserTest.java", "DefinitionParsingTest.java");
    }

    @Test
    void every_valid_corpus_definition_matches_the_schema_and_parses() {
        JsonNode cases = corpus("valid-definitions.yaml");
        assertThat(cases.size()).isGreaterThanOrEqualTo(4);
        SoftAssertions softly = new SoftAssertions();
        for (JsonNode c : cases) {
            JsonNode definition = c.get("definition");
            softly.assertThat(parserProblems(WorkflowFormat.JSON, Json.write(definition))).as("parser: %s", name(c)).isEmpty();
            softly.assertThat(schemaProblems(definition)).as("schema: %s", name(c)).isEmpty();
        }
        softly.assertAll();
    }

    @Test
    void each_mistake_of_the_corpus_is_refused_by_both_at_the_same_field() {
        JsonNode cases = corpus("invalid-definitions.yaml").get("refused_by_both");
        assertThat(cases.size()).isGreaterThanOrEqualTo(25);
        SoftAssertions softly = new SoftAssertions();
        for (JsonNode c : cases) {
            String pointer = c.get("pointer").asText();
            List<FieldError> parser = parserProblems(WorkflowFormat.JSON, Json.write(c.get("definition")));
            softly.assertThat(parser).as("parser: %s", name(c)).extracting(FieldError::pointer).containsExactly(pointer);
            List<Located> schema = schemaProblems(c.get("definition"));
            softly.assertThat(schema).as("schema: %s (expected a problem at %s or its parent)", name(c), pointer)
                    .anyMatch(p -> p.pointer().equals(pointer) || p.pointer().equals(parent(pointer)));
        }
        softly.assertAll();
    }

    @Test
    void rules_only_the_parser_can_check_are_refused_by_the_parser() {
        JsonNode cases = corpus("invalid-definitions.yaml").get("refused_by_the_parser_only");
        SoftAssertions softly = new SoftAssertions();
        for (JsonNode c : cases) {
            softly.assertThat(parserProblems(WorkflowFormat.JSON, Json.write(c.get("definition"))))
                    .as("parser: %s", name(c)).extracting(FieldError::pointer).containsExactly(c.get("pointer").asText());
            softly.assertThat(schemaProblems(c.get("definition")))
                    .as("schema: %s (the schema can check this now: move the case to refused_by_both)", name(c)).isEmpty();
        }
        softly.assertAll();
    }

    @Test
    void where_the_schema_is_stricter_than_the_parser_the_schema_refuses() {
        JsonNode cases = corpus("invalid-definitions.yaml").get("refused_by_the_schema_only");
        SoftAssertions softly = new SoftAssertions();
        for (JsonNode c : cases) {
            String pointer = c.get("pointer").asText();
            softly.assertThat(parserProblems(WorkflowFormat.JSON, Json.write(c.get("definition"))))
                    .as("parser: %s (the parser refuses this now: move the case to refused_by_both)", name(c)).isEmpty();
            softly.assertThat(schemaProblems(c.get("definition"))).as("schema: %s", name(c))
                    .anyMatch(p -> p.pointer().equals(pointer) || p.pointer().equals(parent(pointer)));
        }
        softly.assertAll();
    }

    /**
     * The parser names the fields allowed wherever it finds an unknown one; the schema must allow exactly those,
     * at the root, in inputs, defaults, retry, parallel branches and every step type.
     */
    @Test
    void schema_and_parser_allow_the_same_fields_everywhere() {
        String step = "{\"id\": \"a\", \"type\": \"set\", \"values\": {}}";
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(fieldsOf(SCHEMA_TREE)).as("root")
                .isEqualTo(fieldsTheParserAllows("{\"name\": \"x\", \"zz\": 1, \"steps\": [" + step + "]}", "/zz"));
        softly.assertThat(fieldsOf(SCHEMA_TREE.at("/properties/defaults"))).as("defaults")
                .isEqualTo(fieldsTheParserAllows("{\"name\": \"x\", \"defaults\": {\"zz\": 1}, \"steps\": [" + step + "]}", "/defaults/zz"));
        softly.assertThat(fieldsOf(SCHEMA_TREE.at("/$defs/retry"))).as("retry")
                .isEqualTo(fieldsTheParserAllows("{\"name\": \"x\", \"defaults\": {\"retry\": {\"zz\": 1}}, \"steps\": [" + step + "]}",
                        "/defaults/retry/zz"));
        softly.assertThat(fieldsOf(SCHEMA_TREE.at("/$defs/input/anyOf/1"))).as("input")
                .isEqualTo(fieldsTheParserAllows("{\"name\": \"x\", \"inputs\": {\"i\": {\"zz\": 1}}, \"steps\": [" + step + "]}",
                        "/inputs/i/zz"));
        softly.assertThat(fieldsOf(SCHEMA_TREE.at("/$defs/branch"))).as("branch")
                .isEqualTo(fieldsTheParserAllows("{\"name\": \"x\", \"steps\": [{\"id\": \"p\", \"type\": \"parallel\", "
                        + "\"branches\": [{\"zz\": 1, \"steps\": [" + step + "]}]}]}", "/steps/0/branches/0/zz"));
        softly.assertThat(fieldsOf(SCHEMA_TREE.at("/properties/schedule"))).as("schedule")
                .isEqualTo(fieldsTheParserAllows("{\"name\": \"x\", \"schedule\": {\"cron\": \"@daily\", \"zz\": 1}, "
                        + "\"steps\": [" + step + "]}", "/schedule/zz"));
        List<String> schemaTypes = new ArrayList<>();
        SCHEMA_TREE.at("/$defs/step/properties/type/enum").forEach(t -> schemaTypes.add(t.asText()));
        softly.assertThat(schemaTypes).as("step types").isEqualTo(DefinitionParser.STEP_TYPES);
        for (JsonNode branch : SCHEMA_TREE.at("/$defs/step/allOf")) {
            String type = branch.at("/if/properties/type/const").asText();
            JsonNode stepSchema = SCHEMA_TREE.at(branch.at("/then/$ref").asText().substring(1));
            softly.assertThat(fieldsOf(stepSchema)).as("%s step", type).isEqualTo(fieldsTheParserAllows(
                    "{\"name\": \"x\", \"steps\": [{\"id\": \"a\", \"type\": \"" + type + "\", \"zz\": 1}]}", "/steps/0/zz"));
        }
        softly.assertAll();
    }

    private static Set<String> fieldsOf(JsonNode objectSchema) {
        assertThat(objectSchema.path("additionalProperties").asBoolean(true)).as("additionalProperties of %s", objectSchema).isFalse();
        Set<String> fields = new TreeSet<>();
        objectSchema.get("properties").fieldNames().forEachRemaining(fields::add);
        return fields;
    }

    private static Set<String> fieldsTheParserAllows(String definition, String unknownFieldPointer) {
        List<String> fixes = new ArrayList<>();
        DefinitionParser.parse(Json.parse(definition), (pointer, detail, fix) -> {
            if (pointer.equals(unknownFieldPointer)) {
                fixes.add(fix);
            }
        });
        assertThat(fixes).as("the parser's problem for %s in %s", unknownFieldPointer, definition).hasSize(1);
        Matcher list = Pattern.compile("the fields here are \\[(.*)]").matcher(fixes.get(0));
        assertThat(list.find()).as("the fields listed in '%s'", fixes.get(0)).isTrue();
        return new TreeSet<>(Arrays.asList(list.group(1).split(", ")));
    }

    /** Every member of a properties map must carry a title and a description, itself or through its $ref. */
    private static void collectUndocumentedFields(JsonNode node, String pointer, List<String> undocumented) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectUndocumentedFields(node.get(i), pointer + "/" + i, undocumented);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        node.fields().forEachRemaining(member -> {
            String at = pointer + "/" + member.getKey();
            if (member.getKey().equals("if")) {
                return; // a condition on the step type, not a field an author writes
            }
            if (member.getKey().equals("properties")) {
                member.getValue().fields().forEachRemaining(field -> {
                    JsonNode target = field.getValue().has("$ref")
                            ? SCHEMA_TREE.at(field.getValue().get("$ref").asText().substring(1)) : field.getValue();
                    for (String keyword : List.of("title", "description")) {
                        if (!field.getValue().has(keyword) && !target.has(keyword)) {
                            undocumented.add(at + "/" + field.getKey() + " has no " + keyword);
                        }
                    }
                });
            }
            collectUndocumentedFields(member.getValue(), at, undocumented);
        });
    }

    /** False too for text that is not a definition at all, or has the syntax error a test is about. */
    private static boolean parses(String text) {
        return parserProblems(WorkflowFormat.YAML, text).isEmpty();
    }

    /** What the server would answer: the reader's and validator's problems (the same path as creating a workflow). */
    private static List<FieldError> parserProblems(WorkflowFormat format, String text) {
        FieldErrors errors = new FieldErrors();
        try {
            DefinitionValidator.validate(DefinitionReader.read(format, text, errors), errors);
            errors.throwIfAny();
            return List.of();
        } catch (InvalidInputException e) {
            return e.errors();
        }
    }

    private static List<Located> schemaProblems(com.fasterxml.jackson.databind.ObjectMapper mapper, String text) {
        try {
            return schemaProblems(mapper.readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Located> schemaProblems(JsonNode definition) {
        List<Located> problems = new ArrayList<>();
        for (ValidationMessage message : SCHEMA.validate(definition)) {
            problems.add(new Located(message.getInstanceLocation().toString(), message.getMessage()));
        }
        return problems;
    }

    private static String parent(String pointer) {
        return pointer.substring(0, Math.max(0, pointer.lastIndexOf('/')));
    }

    private static String name(JsonNode c) {
        return c.get("case").asText();
    }

    private static JsonNode corpus(String file) {
        try (InputStream in = WorkflowSchemaTest.class.getResourceAsStream("/workflow-schema/" + file)) {
            return Json.YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
