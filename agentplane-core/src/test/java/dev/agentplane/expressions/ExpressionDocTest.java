package dev.agentplane.expressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import dev.agentplane.workflows.definition.DefinitionParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs every example of docs/expressions.md against the example context the doc shows, so the doc cannot drift:
 * {@code cel} blocks hold {@code expression // => json} (or {@code // => error: text}) lines, {@code templates}
 * blocks {@code "template" => json} lines (optionally {@code ; stored: json}), plain {@code yaml} blocks must be
 * valid definitions whose expressions pass the check, and a {@code yaml check} block must give exactly the messages
 * of the {@code text} block after it.
 */
class ExpressionDocTest {
    private static final Path DOC = Path.of("..", "docs", "expressions.md");
    private static final String RESULT = "// =>";
    private static final String STORED = " ; stored: ";

    private static List<Block> blocks;
    private static ExpressionContext context;
    private final Expressions expressions = new Expressions();

    record Block(String info, List<String> lines, int line) {
        String text() {
            return String.join("\n", lines);
        }
    }

    @BeforeAll
    static void readDoc() throws IOException {
        blocks = fencedBlocks(Files.readAllLines(DOC));
        JsonNode example = Json.parse(only("json context").text());
        Map<String, String> secrets = new LinkedHashMap<>();
        example.get("secrets").properties().forEach(secret -> secrets.put(secret.getKey(), secret.getValue().asText()));
        context = ExpressionContext.builder()
                .inputs(example.get("inputs"))
                .steps((ObjectNode) example.get("steps"))
                .item(example.get("item"), example.get("index").asLong())
                .execution(example.get("execution"))
                .secrets(secrets)
                .build();
    }

    @Test
    void every_cel_example_gives_the_result_the_doc_shows() {
        List<String> checked = new ArrayList<>();
        for (Block block : blocks("cel")) {
            for (int i = 0; i < block.lines().size(); i++) {
                String line = block.lines().get(i);
                if (line.isBlank()) {
                    continue;
                }
                int arrow = line.lastIndexOf(RESULT);
                assertThat(arrow).as("line %d of the doc has no '%s result'", block.line() + i, RESULT).isPositive();
                String expression = line.substring(0, arrow).strip();
                String expected = line.substring(arrow + RESULT.length()).strip();
                expect(block.line() + i, expected, () -> expressions.evaluate(expression, context));
                checked.add(expression);
            }
        }
        assertThat(checked).hasSizeGreaterThan(40);
    }

    @Test
    void every_template_example_renders_as_the_doc_shows() {
        int checked = 0;
        for (Block block : blocks("templates")) {
            for (int i = 0; i < block.lines().size(); i++) {
                String line = block.lines().get(i);
                if (line.isBlank()) {
                    continue;
                }
                int lineNumber = block.line() + i;
                String[] sides = line.split(" => ", 2);
                assertThat(sides).as("line %d of the doc has no ' => '", lineNumber).hasSize(2);
                JsonNode template = Json.parse(sides[0].strip());
                String[] results = sides[1].split(STORED, 2);
                Rendered[] rendered = new Rendered[1];
                expect(lineNumber, results[0].strip(), () -> (rendered[0] = expressions.render(template, context)).value());
                if (results.length == 2) {
                    assertThat(rendered[0].redacted()).as("stored value on line %d", lineNumber)
                            .isEqualTo(Json.parse(results[1].strip()));
                } else if (rendered[0] != null) {
                    assertThat(rendered[0].usedSecrets()).as("line %d uses secrets but shows no stored value",
                            lineNumber).isFalse();
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(10);
    }

    @Test
    void every_workflow_example_is_a_valid_definition_with_valid_expressions() throws IOException {
        List<Block> workflows = blocks("yaml");
        assertThat(workflows).isNotEmpty();
        for (Block block : workflows) {
            JsonNode definition = Json.YAML.readTree(block.text());
            assertThat(definitionProblems(definition)).as("yaml block at line %d", block.line()).isEmpty();
            assertThat(expressions.check(definition)).as("yaml block at line %d", block.line()).isEmpty();
            List<JsonNode> conditions = new ArrayList<>(definition.findValues("when"));
            conditions.addAll(definition.findValues("condition"));
            for (JsonNode condition : conditions) {
                assertThat(expressions.check(condition.asText())).as("condition %s", condition).isEmpty();
            }
        }
    }

    @Test
    void the_definition_check_example_prints_what_the_doc_shows() throws IOException {
        Block definition = only("yaml check");
        Block output = blocks.get(blocks.indexOf(definition) + 1);
        assertThat(output.info()).isEqualTo("text");
        List<String> messages = expressions.check(Json.YAML.readTree(definition.text())).stream()
                .map(ExpressionError::message).toList();

        assertThat(messages).containsExactlyElementsOf(output.lines());
        // Saving the definition reports exactly these problems, and nothing else is wrong with it.
        assertThat(definitionProblems(Json.YAML.readTree(definition.text())))
                .containsExactlyElementsOf(output.lines().stream().map(line -> line.substring(0, line.indexOf("; fix: "))).toList());
    }

    private static List<String> definitionProblems(JsonNode definition) {
        List<String> problems = new ArrayList<>();
        DefinitionParser.parse(definition, (pointer, detail, fix) -> problems.add(pointer + ": " + detail));
        return problems;
    }

    private void expect(int line, String expected, Supplier<JsonNode> actual) {
        if (expected.startsWith("error: ")) {
            assertThatThrownBy(actual::get).as("line %d", line).isInstanceOf(ExpressionException.class)
                    .hasMessageContaining(expected.substring("error: ".length()));
        } else {
            assertThat(actual.get()).as("line %d", line).isEqualTo(Json.parse(expected));
        }
    }

    private static List<Block> blocks(String info) {
        return blocks.stream().filter(block -> block.info().equals(info)).toList();
    }

    private static Block only(String info) {
        List<Block> found = blocks(info);
        assertThat(found).as("blocks ```%s", info).hasSize(1);
        return found.getFirst();
    }

    private static List<Block> fencedBlocks(List<String> lines) {
        List<Block> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("```") && lines.get(i).length() > 3) {
                String info = lines.get(i).substring(3).strip();
                int start = i + 1;
                while (!lines.get(++i).startsWith("```")) {
                    // the block's lines
                }
                found.add(new Block(info, lines.subList(start, i), start + 1));
            }
        }
        return found;
    }
}
