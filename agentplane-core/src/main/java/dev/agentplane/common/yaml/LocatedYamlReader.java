package dev.agentplane.common.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.agentplane.common.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds a {@link LocatedYaml} token by token, tracking the JSON pointer of the value being read. */
final class LocatedYamlReader {
    private final LocatedYaml.Syntax syntax;
    private final LocatedYaml.Problems problems;
    private final Map<String, Integer> lines = new HashMap<>();
    private String pointer = "";

    private LocatedYamlReader(LocatedYaml.Syntax syntax, LocatedYaml.Problems problems) {
        this.syntax = syntax;
        this.problems = problems;
    }

    static LocatedYaml read(LocatedYaml.Syntax syntax, String text, LocatedYaml.Problems problems) {
        LocatedYamlReader reader = new LocatedYamlReader(syntax, problems);
        try (JsonParser parser = (syntax == LocatedYaml.Syntax.YAML ? Json.YAML : Json.MAPPER).createParser(text)) {
            if (parser.nextToken() == null) {
                return new LocatedYaml(MissingNode.getInstance(), Map.of());
            }
            JsonNode tree = reader.value(parser, parser.currentTokenLocation().getLineNr());
            if (parser.nextToken() != null) {
                JsonLocation location = parser.currentTokenLocation();
                throw new YamlSyntaxException("", location.getLineNr(), "has content after the definition" + lineOf(location),
                        syntax == LocatedYaml.Syntax.YAML ? "send exactly one YAML document (no second '---')"
                                : "send exactly one JSON object");
            }
            return new LocatedYaml(tree, reader.lines);
        } catch (JsonProcessingException e) {
            throw reader.syntaxError(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the value at the current token; {@code line} is where it starts (for a member: its key's line). */
    private JsonNode value(JsonParser parser, int line) throws IOException {
        lines.put(pointer, line);
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            problems.add(pointer, line, "is a YAML alias (*" + parser.getText() + ")" + lineOf(parser.currentTokenLocation()),
                    "write the value out in full; aliases are not supported");
        }
        return switch (parser.currentToken()) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> array(parser);
            default -> scalar(parser);
        };
    }

    private static JsonNode scalar(JsonParser parser) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (parser.currentToken()) {
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> nodes.numberNode(parser.getIntValue());
                case LONG -> nodes.numberNode(parser.getLongValue());
                default -> nodes.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> nodes.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> nodes.booleanNode(true);
            case VALUE_FALSE -> nodes.booleanNode(false);
            case VALUE_NULL -> nodes.nullNode();
            default -> nodes.textNode(parser.getText());
        };
    }

    private ObjectNode object(JsonParser parser) throws IOException {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        String parent = pointer;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            int line = parser.currentTokenLocation().getLineNr();
            pointer = parent + "/" + LocatedYaml.escape(name);
            parser.nextToken();
            if (object.has(name)) {
                problems.add(pointer, line, "is defined twice (lines " + lines.get(pointer) + " and " + line + ")",
                        "keep one '" + name + "'");
                parser.skipChildren();
            } else {
                object.set(name, value(parser, line));
            }
            pointer = parent; // a syntax error before the next member belongs to this object
        }
        return object;
    }

    private ArrayNode array(JsonParser parser) throws IOException {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        String parent = pointer;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            pointer = parent + "/" + array.size();
            array.add(value(parser, parser.currentTokenLocation().getLineNr()));
            pointer = parent;
        }
        return array;
    }

    private YamlSyntaxException syntaxError(JsonProcessingException e) {
        String message = Arrays.stream(String.valueOf(e.getOriginalMessage()).split("\n"))
                .filter(line -> !line.isBlank() && !line.startsWith(" "))
                .collect(Collectors.joining("; "));
        JsonLocation location = e.getLocation();
        return new YamlSyntaxException(pointer, location == null ? 0 : Math.max(0, location.getLineNr()),
                "is not valid " + syntax + ": " + message + lineOf(location), "fix the " + syntax + " syntax at that line");
    }

    private static String lineOf(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
