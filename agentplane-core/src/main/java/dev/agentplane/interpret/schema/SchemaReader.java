package dev.agentplane.interpret.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.problems.FieldErrors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code schema} of an interpret request: the original shorthand ({@code {"age": "number"}}) or a JSON
 * Schema (a top-level {@code "type": "object"} with {@code "properties"}). Every problem is reported with its JSON
 * pointer under {@code /schema}.
 */
public final class SchemaReader {
    static final int MAX_FIELDS = 200;
    static final int MAX_DEPTH = 6;
    private static final Set<String> JSON_SCHEMA_TYPES = Set.of("string", "number", "integer", "boolean", "array", "object");

    private final FieldErrors errors;
    private int count;

    private SchemaReader(FieldErrors errors) {
        this.errors = errors;
    }

    /** The schema's fields; invalid parts are added to {@code errors} (the caller throws them). */
    public static InterpretSchema read(JsonNode schema, FieldErrors errors) {
        SchemaReader reader = new SchemaReader(errors);
        if (schema == null || schema.isNull() || schema.isMissingNode()) {
            errors.add("/schema", "is required", "pass the fields to extract, e.g. {\"name\": \"string\", \"age\": \"integer\"}");
            return new InterpretSchema(List.of());
        }
        if (!schema.isObject() || schema.isEmpty()) {
            errors.add("/schema", "must be a non-empty object", "pass the fields to extract, e.g. {\"name\": \"string\", \"age\": \"integer\"}");
            return new InterpretSchema(List.of());
        }
        List<FieldSpec> fields = isJsonSchemaObject(schema)
                ? reader.properties(schema, "", "/schema", 1)
                : reader.shorthandObject(schema, "", "/schema", 1);
        return new InterpretSchema(fields);
    }

    private static boolean isJsonSchemaObject(JsonNode node) {
        return "object".equals(node.path("type").asText(null)) && node.path("properties").isObject();
    }

    private List<FieldSpec> shorthandObject(JsonNode object, String prefix, String pointer, int depth) {
        List<FieldSpec> fields = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String path = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
            String fieldPointer = pointer + "/" + escape(entry.getKey());
            if (!admit(entry.getKey(), fieldPointer, depth)) {
                continue;
            }
            shorthandField(entry.getKey(), path, entry.getValue(), fieldPointer, depth).ifPresent(fields::add);
        }
        return fields;
    }

    private Optional<FieldSpec> shorthandField(String name, String path, JsonNode value, String pointer, int depth) {
        if (value.isTextual()) {
            return shorthandText(name, path, value.asText(), pointer);
        }
        if (value.isArray() && value.size() == 1) {
            return shorthandField(name, path + "[]", value.get(0), pointer + "/0", depth + 1)
                    .map(items -> array(name, path, null, false, items));
        }
        if (value.isObject() && value.has("type") && value.get("type").isTextual()
                && (JSON_SCHEMA_TYPES.contains(value.get("type").asText()) || value.has("enum") || value.has("format"))) {
            return property(name, path, value, false, pointer, depth);
        }
        if (value.isObject() && !value.isEmpty()) {
            return Optional.of(object(name, path, null, false, shorthandObject(value, path, pointer, depth + 1)));
        }
        errors.add(pointer, "is not a field type", "use a type name (" + FieldType.SHORTHAND_NAMES
                + "), a one-element list for an array, or an object of fields");
        return Optional.empty();
    }

    private Optional<FieldSpec> shorthandText(String name, String path, String text, String pointer) {
        String type = text.trim();
        boolean array = type.endsWith("[]");
        if (array) {
            type = type.substring(0, type.length() - 2);
        }
        if (type.endsWith("?")) {
            type = type.substring(0, type.length() - 1);
        }
        FieldSpec scalar;
        if (type.startsWith("enum:")) {
            List<String> values = Arrays.stream(type.substring(5).split("\\|")).map(String::trim).filter(v -> !v.isEmpty()).toList();
            if (values.isEmpty()) {
                errors.add(pointer, "'" + text + "' lists no values", "list the allowed values: enum:active|inactive");
                return Optional.empty();
            }
            scalar = new FieldSpec(name, array ? path + "[]" : path, FieldType.ENUM, null, false, values, null, null, null,
                    null, null, null, null);
        } else {
            Optional<FieldType> known = FieldType.ofShorthand(type);
            if (known.isEmpty()) {
                errors.add(pointer, "'" + text + "' is not a known type", "use one of " + FieldType.SHORTHAND_NAMES
                        + " (add [] for a list)");
                return Optional.empty();
            }
            scalar = FieldSpec.of(name, array ? path + "[]" : path, known.get());
        }
        return Optional.of(array ? array(name, path, null, false, scalar) : scalar);
    }

    private List<FieldSpec> properties(JsonNode schema, String prefix, String pointer, int depth) {
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(item -> required.add(item.asText()));
        List<FieldSpec> fields = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.get("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String path = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
            String fieldPointer = pointer + "/properties/" + escape(entry.getKey());
            if (admit(entry.getKey(), fieldPointer, depth)) {
                property(entry.getKey(), path, entry.getValue(), required.contains(entry.getKey()), fieldPointer, depth)
                        .ifPresent(fields::add);
            }
        }
        return fields;
    }

    private Optional<FieldSpec> property(String name, String path, JsonNode node, boolean required, String pointer, int depth) {
        if (!node.isObject()) {
            errors.add(pointer, "must be a JSON Schema object", "describe the field, e.g. {\"type\": \"string\", \"format\": \"email\"}");
            return Optional.empty();
        }
        String description = node.path("description").asText(null);
        String type = typeName(node);
        String extension = node.path("x-type").asText(node.path("format").asText(""));
        if ("array".equals(type)) {
            JsonNode items = node.path("items");
            if (!items.isObject()) {
                errors.add(pointer + "/items", "is required for an array", "describe the elements, e.g. {\"type\": \"string\"}");
                return Optional.empty();
            }
            return property(name, path + "[]", items, false, pointer + "/items", depth + 1)
                    .map(item -> array(name, path, description, required, item));
        }
        if ("object".equals(type) && !"currency".equals(extension) && !isCurrencyObject(node)) {
            if (!node.path("properties").isObject()) {
                errors.add(pointer + "/properties", "is required for an object", "list the object's fields under properties");
                return Optional.empty();
            }
            return Optional.of(object(name, path, description, required, properties(node, path, pointer, depth + 1)));
        }
        FieldType fieldType = scalarType(type, extension, node);
        if (fieldType == null) {
            errors.add(pointer + "/type", "'" + type + "' is not a supported type",
                    "use string, number, integer, boolean, array or object (with format or x-type for email, phone, url, date, date-time, currency)");
            return Optional.empty();
        }
        String pattern = node.path("pattern").asText(null);
        if (pattern != null) {
            try {
                java.util.regex.Pattern.compile(pattern);
            } catch (java.util.regex.PatternSyntaxException invalid) {
                errors.add(pointer + "/pattern", "is not a valid regular expression: " + invalid.getDescription(),
                        "write a Java/ECMAScript-style regex, e.g. ^[0-9]{5}$");
            }
        }
        List<String> enumValues = new ArrayList<>();
        node.path("enum").forEach(value -> enumValues.add(value.asText()));
        return Optional.of(new FieldSpec(name, path, fieldType, description, required, enumValues,
                node.path("pattern").asText(null), number(node, "minimum"), number(node, "maximum"),
                integer(node, "minLength"), integer(node, "maxLength"), null, null));
    }

    private static FieldType scalarType(String type, String extension, JsonNode node) {
        Optional<FieldType> named = FieldType.ofShorthand(extension.isEmpty() ? "-" : extension);
        if (named.isPresent() && named.get() != FieldType.STRING) {
            return named.get();
        }
        boolean numeric = "integer".equals(type) || "number".equals(type);
        if (node.path("enum").isArray() && !node.path("enum").isEmpty() && !numeric) {
            return FieldType.ENUM; // a numeric enum stays a number, checked against its values
        }
        if (type == null) {
            return FieldType.STRING;
        }
        return switch (type) {
            case "string" -> FieldType.STRING;
            case "number" -> FieldType.NUMBER;
            case "integer" -> FieldType.INTEGER;
            case "boolean" -> FieldType.BOOLEAN;
            case "object" -> FieldType.CURRENCY;
            default -> null;
        };
    }

    private static String typeName(JsonNode node) {
        JsonNode type = node.path("type");
        if (type.isArray()) {
            for (JsonNode option : type) {
                if (!"null".equals(option.asText())) {
                    return option.asText();
                }
            }
        }
        return type.isTextual() ? type.asText() : null;
    }

    private static boolean isCurrencyObject(JsonNode node) {
        JsonNode properties = node.path("properties");
        return properties.size() == 2 && properties.has("amount") && properties.has("currency");
    }

    private boolean admit(String name, String pointer, int depth) {
        if (depth > MAX_DEPTH) {
            errors.add(pointer, "is nested more than " + MAX_DEPTH + " levels deep", "flatten the schema");
            return false;
        }
        if (++count > MAX_FIELDS) {
            if (count == MAX_FIELDS + 1) {
                errors.add("/schema", "has more than " + MAX_FIELDS + " fields", "split the request into smaller schemas");
            }
            return false;
        }
        if (name.isBlank()) {
            errors.add(pointer, "has an empty field name", "name every field");
            return false;
        }
        return true;
    }

    private static FieldSpec array(String name, String path, String description, boolean required, FieldSpec items) {
        return new FieldSpec(name, path, FieldType.ARRAY, description, required, null, null, null, null, null, null, items, null);
    }

    private static FieldSpec object(String name, String path, String description, boolean required, List<FieldSpec> fields) {
        return new FieldSpec(name, path, FieldType.OBJECT, description, required, null, null, null, null, null, null, null, fields);
    }

    private static Double number(JsonNode node, String key) {
        return node.path(key).isNumber() ? node.get(key).asDouble() : null;
    }

    private static Integer integer(JsonNode node, String key) {
        return node.path(key).isInt() ? node.get(key).asInt() : null;
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
