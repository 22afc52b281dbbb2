package dev.agentplane.workflows;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.agentplane.common.Json;
import dev.agentplane.common.problems.FieldErrors;
import dev.agentplane.common.problems.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads definition text into a JSON tree while remembering the line of every node. Syntax errors are
 * reported with their line and column; duplicate keys and YAML aliases, which a plain tree would silently
 * collapse, are reported as errors too.
 */
final class DefinitionReader {
    private final WorkflowFormat format;
    private final FieldErrors errors;
    private final Map<String, Integer> lines = new HashMap<>();
    private String pointer = "";

    private DefinitionReader(WorkflowFormat format, FieldErrors errors) {
        this.format = format;
        this.errors = errors;
    }

    /** Parses {@code text}; throws 400 on a syntax error, and adds structural problems to {@code errors}. */
    static ParsedDefinition read(WorkflowFormat format, String text, FieldErrors errors) {
        DefinitionReader reader = new DefinitionReader(format, errors);
        try (JsonParser parser = (format == WorkflowFormat.YAML ? Json.YAML : Json.MAPPER).createParser(text)) {
            if (parser.nextToken() == null) {
                throw InvalidInputException.body("", "is empty", "send a " + format + " object with name and steps");
            }
            JsonNode tree = reader.value(parser, parser.currentTokenLocation().getLineNr());
            if (parser.nextToken() != null) {
                throw InvalidInputException.body("", "has content after the definition" + lineOf(parser.currentTokenLocation()),
                        format == WorkflowFormat.YAML ? "send exactly one YAML document (no second '---')"
                                : "send exactly one JSON object");
            }
            return new ParsedDefinition(tree, Map.copyOf(reader.lines));
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
            errors.add(pointer, "is a YAML alias (*" + parser.getText() + ")" + lineOf(parser.currentTokenLocation()),
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
            pointer = parent + "/" + escape(name);
            parser.nextToken();
            if (object.has(name)) {
                errors.add(pointer, "is defined twice (lines " + lines.get(pointer) + " and " + line + ")",
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

    private InvalidInputException syntaxError(JsonProcessingException e) {
        String message = Arrays.stream(String.valueOf(e.getOriginalMessage()).split("\n"))
                .filter(line -> !line.isBlank() && !line.startsWith(" "))
                .collect(Collectors.joining("; "));
        return InvalidInputException.body(pointer, "is not valid " + format + ": " + message + lineOf(e.getLocation()),
                "fix the " + format + " syntax at that line");
    }

    private static String lineOf(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
