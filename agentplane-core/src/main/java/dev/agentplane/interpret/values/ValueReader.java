package dev.agentplane.interpret.values;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.agentplane.common.Json;
import dev.agentplane.interpret.schema.FieldSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads one value for a field, from a JSON value or from text, normalized for the field's type. */
public final class ValueReader {
    private ValueReader() {}

    public static Optional<Parsed> read(FieldSpec field, JsonNode raw, InterpretOptions options) {
        if (raw == null || raw.isNull() || raw.isMissingNode()) {
            return Optional.empty();
        }
        return switch (field.type()) {
            case ARRAY -> array(field, raw, options);
            case OBJECT -> Optional.empty();
            case NUMBER -> raw.isNumber() ? Optional.of(new Parsed(raw, 1.0)) : Numbers.parse(text(raw), options);
            case INTEGER -> integer(raw, options);
            case BOOLEAN -> raw.isBoolean() ? Optional.of(new Parsed(raw, 1.0))
                    : raw.isIntegralNumber() && raw.asInt() <= 1 && raw.asInt() >= 0
                    ? Optional.of(new Parsed(BooleanNode.valueOf(raw.asInt() == 1), 0.9)) : Booleans.parse(text(raw));
            case CURRENCY -> raw.isObject() ? moneyObject(raw, options) : Currencies.parse(text(raw), options);
            case STRING -> string(raw);
            default -> scalar(field, text(raw), options);
        };
    }

    /** The typed readers that work on text alone. */
    public static Optional<Parsed> scalar(FieldSpec field, String text, InterpretOptions options) {
        return switch (field.type()) {
            case EMAIL -> Emails.parse(text);
            case PHONE -> Phones.parse(text, options);
            case URL -> Urls.parse(text);
            case DATE -> Dates.parse(text, options);
            case DATETIME -> DateTimes.parse(text, options);
            case CURRENCY -> Currencies.parse(text, options);
            case ENUM -> Enums.parse(text, field.enumValues());
            case NUMBER -> Numbers.parse(text, options);
            case INTEGER -> integer(TextNode.valueOf(text), options);
            case BOOLEAN -> Booleans.parse(text);
            case STRING -> string(TextNode.valueOf(text));
            default -> Optional.empty();
        };
    }

    private static Optional<Parsed> string(JsonNode raw) {
        if (raw.isContainerNode()) {
            return Optional.empty();
        }
        String text = raw.asText().strip().replaceAll("\\s+", " ");
        return text.isEmpty() ? Optional.empty() : Optional.of(new Parsed(TextNode.valueOf(text), 1.0));
    }

    private static Optional<Parsed> integer(JsonNode raw, InterpretOptions options) {
        Optional<Parsed> number = raw.isNumber() ? Optional.of(new Parsed(raw, 1.0)) : Numbers.parse(text(raw), options);
        return number.flatMap(parsed -> {
            BigDecimal value = parsed.value().decimalValue();
            if (value.stripTrailingZeros().scale() > 0) {
                return Optional.empty();
            }
            return Optional.of(new Parsed(Json.MAPPER.getNodeFactory().numberNode(value.toBigInteger()), parsed.quality()));
        });
    }

    private static Optional<Parsed> moneyObject(JsonNode raw, InterpretOptions options) {
        JsonNode amount = raw.path("amount");
        String code = raw.path("currency").asText("");
        if (!code.matches("[A-Za-z]{3}")) {
            return Optional.empty();
        }
        Optional<BigDecimal> value = amount.isNumber() ? Optional.of(amount.decimalValue())
                : Numbers.toDecimal(amount.asText(), options);
        return value.map(v -> new Parsed(Currencies.money(v, code.toUpperCase(java.util.Locale.ROOT)), 1.0));
    }

    private static Optional<Parsed> array(FieldSpec field, JsonNode raw, InterpretOptions options) {
        List<JsonNode> items = new ArrayList<>();
        double quality = 1.0;
        if (raw.isArray()) {
            raw.forEach(items::add);
        } else {
            for (String part : text(raw).split("\\s*(?:[,;|\\n•]|\\s-\\s|\\band\\b|\\bund\\b|\\bet\\b|\\by\\b|&)\\s*")) {
                if (!part.isBlank()) {
                    items.add(TextNode.valueOf(part.replaceAll("^[-*]\\s*", "")));
                }
            }
            quality = 0.9;
        }
        ArrayNode values = Json.MAPPER.createArrayNode();
        for (JsonNode item : items) {
            Optional<Parsed> parsed = read(field.items(), item, options);
            if (parsed.isEmpty()) {
                quality *= 0.8; // an item that could not be read lowers trust in the list
                continue;
            }
            values.add(parsed.get().value());
            quality = Math.min(quality, parsed.get().quality());
        }
        return values.isEmpty() ? Optional.empty() : Optional.of(new Parsed(values, quality));
    }

    static String text(JsonNode raw) {
        return raw.isValueNode() ? raw.asText() : raw.toString();
    }
}
