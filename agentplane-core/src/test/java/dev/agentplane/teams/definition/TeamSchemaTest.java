package dev.agentplane.teams.definition;

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
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * schemas/team.schema.json, which editors use to complete and check team files, and {@link TeamParser} agree: on
 * what is valid, on what is not and where, and on the fields each part of a team has.
 */
class TeamSchemaTest {
    private static final Path SCHEMA_FILE = Path.of("..", "schemas", "team.schema.json");
    private static final Path EXAMPLES = Path.of("..", "examples", "teams");
    private static final JsonNode SCHEMA_TREE = Json.parse(read(SCHEMA_FILE));
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(SCHEMA_TREE, SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build());

    @Test
    void the_schema_is_a_valid_2020_12_schema_with_hover_text_on_every_field() {
        JsonSchema metaSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        assertThat(metaSchema.validate(SCHEMA_TREE)).isEmpty();
        assertThat(SCHEMA_TREE.path("$id").asText()).isEqualTo("https://agentplane.dev/schemas/team.schema.json");
        List<String> undocumented = new ArrayList<>();
        collectUndocumentedFields(SCHEMA_TREE, "", undocumented);
        assertThat(undocumented).as("fields without a title and a description (editors show them on hover)").isEmpty();
    }

    @Test
    void every_example_team_matches_the_schema_and_parses() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.list(EXAMPLES)) {
            files = walk.filter(TeamParser::isTeamFileName).sorted().toList();
        }
        assertThat(files).contains(EXAMPLES.resolve("team-template.yaml"));
        SoftAssertions softly = new SoftAssertions();
        for (Path file : files) {
            softly.assertThat(TeamParser.parse(file)).as("parser on %s", file).isInstanceOf(TeamFile.Valid.class);
            softly.assertThat(schemaProblems(Json.YAML.readTree(read(file)))).as("schema on %s", file).isEmpty();
        }
        softly.assertAll();
    }

    @Test
    void every_valid_corpus_team_matches_the_schema_and_parses() {
        JsonNode cases = corpus("valid-teams.yaml");
        assertThat(cases.size()).isGreaterThanOrEqualTo(5);
        SoftAssertions softly = new SoftAssertions();
        for (JsonNode c : cases) {
            softly.assertThat(parserErrors(c.get("team"))).as("parser: %s", name(c)).isEmpty();
            softly.assertThat(schemaProblems(c.get("team"))).as("schema: %s", name(c)).isEmpty();
        }
        softly.assertAll();
    }

    @Test
    void each_mistake_of_the_corpus_is_refused_by_both_at_the_same_field() {
        JsonNode cases = corpus("invalid-teams.yaml").get("refused_by_both");
        assertThat(cases.size()).isGreaterThanOrEqualTo(30);
        SoftAssertions softly = new SoftAssertions();
        for (JsonNode c : cases) {
            String field = c.get("field").asText();
            softly.assertThat(parserErrors(c.get("team"))).as("parser: %s", name(c))
                    .extracting(TeamProblem::field).containsExactly(field);
            softly.assertThat(schemaProblems(c.get("team")))
                    .as("schema: %s (expected a problem at %s or the mapping holding it)", name(c), field)
                    .anyMatch(p -> p.equals(field) || p.equals(parent(field)));
        }
        softly.assertAll();
    }

    @Test
    void rules_only_the_parser_can_check_are_refused_by_the_parser() {
        JsonNode cases = corpus("invalid-teams.yaml").get("refused_by_the_parser_only");
        SoftAssertions softly = new SoftAssertions();
        for (JsonNode c : cases) {
            softly.assertThat(parserErrors(c.get("team"))).as("parser: %s", name(c))
                    .extracting(TeamProblem::field).containsExactly(c.get("field").asText());
            softly.assertThat(schemaProblems(c.get("team")))
                    .as("schema: %s (the schema can check this now: move the case to refused_by_both)", name(c)).isEmpty();
        }
        softly.assertAll();
    }

    @Test
    void schema_and_parser_allow_the_same_fields_and_values() {
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(fieldsOf(SCHEMA_TREE)).as("team").isEqualTo(new TreeSet<>(TeamReader.FIELDS));
        softly.assertThat(fieldsOf(SCHEMA_TREE.at("/$defs/agent"))).as("agent").isEqualTo(new TreeSet<>(AgentReader.FIELDS));
        softly.assertThat(fieldsOf(SCHEMA_TREE.at("/$defs/teamModel"))).as("team model").isEqualTo(new TreeSet<>(ModelReader.FIELDS));
        softly.assertThat(fieldsOf(SCHEMA_TREE.at("/$defs/agentModel"))).as("agent model").isEqualTo(new TreeSet<>(ModelReader.FIELDS));
        softly.assertThat(fieldsOf(SCHEMA_TREE.at("/properties/tools"))).as("tool settings")
                .isEqualTo(new TreeSet<>(ToolNames.WITH_SETTINGS));
        List<String> processes = new ArrayList<>();
        SCHEMA_TREE.at("/properties/process/enum").forEach(p -> processes.add(p.asText()));
        softly.assertThat(processes).as("processes").isEqualTo(TeamProcess.NAMES);
        softly.assertThat(SCHEMA_TREE.at("/properties/max_steps/maximum").asInt()).isEqualTo(TeamDefinition.MAX_STEPS_LIMIT);
        softly.assertThat(SCHEMA_TREE.at("/properties/name/maxLength").asInt()).isEqualTo(TeamDefinition.MAX_NAME_LENGTH);
        softly.assertAll();
    }

    private static Set<String> fieldsOf(JsonNode objectSchema) {
        assertThat(objectSchema.path("additionalProperties").asBoolean(true)).as("additionalProperties of %s", objectSchema).isFalse();
        Set<String> fields = new TreeSet<>();
        objectSchema.get("properties").fieldNames().forEachRemaining(fields::add);
        return fields;
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
        node.properties().forEach(member -> {
            String at = pointer + "/" + member.getKey();
            if (member.getKey().equals("allOf")) {
                return; // conditions between fields (merge_agent only for parallel …), not fields an author writes
            }
            if (member.getKey().equals("properties")) {
                member.getValue().properties().forEach(field -> {
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

    private static List<TeamProblem> parserErrors(JsonNode team) {
        TeamFile file = TeamParser.parse(Path.of("corpus.json"), Json.write(team));
        return file instanceof TeamFile.Invalid invalid ? invalid.errors() : List.of();
    }

    /** Each problem's location, written as the parser names fields. */
    private static List<String> schemaProblems(JsonNode team) {
        List<String> fields = new ArrayList<>();
        for (ValidationMessage message : SCHEMA.validate(team)) {
            fields.add(FieldPath.of(message.getInstanceLocation().toString(), team));
        }
        return fields;
    }

    private static String parent(String field) {
        int cut = Math.max(field.lastIndexOf('.'), field.lastIndexOf('['));
        return cut < 0 ? "" : field.substring(0, cut);
    }

    private static String name(JsonNode c) {
        return c.get("case").asText();
    }

    private static JsonNode corpus(String file) {
        try (InputStream in = TeamSchemaTest.class.getResourceAsStream("/team-schema/" + file)) {
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
