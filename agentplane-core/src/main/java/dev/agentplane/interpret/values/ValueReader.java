package dev.agentplane.interpret.values;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.agentplane.common.Json;
import dev.agentplane.interpret.schema.FieldSpec;
import dev.agentplane.interpret.schema.FieldType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads one value for a field, from a JSON value or from text, normalized for the field's type. */
public final class ValueReader {
    private static final java.util.regex.Pattern ITEM_SEPARATOR = java.util.regex.Pattern.compile(
            "\\s*(?:[,;|\\n•]|\\s[-/]\\s|\\band\\b|\\bund\\b|\\bet\\b|\\by\\b|&)\\s*");
    private static final java.util.regex.Pattern HASHTAGS = java.util.regex.Pattern.compile("#[\\p{L}\\p{N}_-]+(?:\\s+#[\\p{L}\\p{N}_-]+)+");
    private static final java.util.regex.Pattern SPACED_NUMBERS = java.util.regex.Pattern.compile("-?\\d+(?:\\.\\d+)?(?:\\s+-?\\d+(?:\\.\\d+)?)+");
    private static final List<String> AMOUNT_KEYS = List.of("amount", "value", "total", "price", "sum", "net", "gross");
    private static final List<String> CURRENCY_KEYS = List.of("currency", "currency_code", "currencyCode", "ccy", "code", "iso");
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
        return Texts.clean(raw.asText()).map(text -> new Parsed(TextNode.valueOf(text), 1.0));
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

    /** A money object from another system: {"amount": 250, "currency": "GBP"}, {"value": "19.99", "currency_code": "eur"}. */
    private static Optional<Parsed> moneyObject(JsonNode raw, InterpretOptions options) {
        JsonNode amount = first(raw, AMOUNT_KEYS);
        Optional<String> code = Currencies.code(first(raw, CURRENCY_KEYS));
        if (amount.isMissingNode() || code.isEmpty()) {
            return Optional.empty();
        }
        Optional<BigDecimal> value = amount.isNumber() ? Optional.of(amount.decimalValue())
                : Numbers.toDecimal(amount.asText().strip(), options);
        return value.map(v -> new Parsed(Currencies.money(v, code.get()), 1.0));
    }

    private static JsonNode first(JsonNode object, List<String> keys) {
        for (String key : keys) {
            if (object.hasNonNull(key)) {
                return object.get(key);
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static Optional<Parsed> array(FieldSpec field, JsonNode raw, InterpretOptions options) {
        List<JsonNode> items = new ArrayList<>();
        double quality = 1.0;
        if (raw.isArray()) {
            raw.forEach(items::add);
        } else {
            String[] parts = ITEM_SEPARATOR.split(text(raw));
            boolean numeric = field.items().type() == FieldType.NUMBER || field.items().type() == FieldType.INTEGER;
            if (parts.length == 1 && numeric && SPACED_NUMBERS.matcher(parts[0].strip()).matches()) {
                parts = parts[0].strip().split("\\s+"); // "4 8 15 16 23 42"
            } else if (parts.length == 1 && HASHTAGS.matcher(parts[0].strip()).matches()) {
                parts = parts[0].strip().replace("#", "").split("\\s+"); // "#urgent #billing"
            }
            for (String part : parts) {
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

    /** Whether a raw value says something (not empty, not a placeholder such as "N/A" or "-"). */
    public static boolean holdsSomething(JsonNode raw) {
        return raw != null && !raw.isNull() && !raw.isMissingNode() && (raw.isContainerNode() || Texts.clean(raw.asText()).isPresent());
    }

    /** A bare amount whose currency sits beside it in the same record ({"amount": 250, "currency_code": "GBP"}). */
    public static Optional<Parsed> moneyBeside(JsonNode raw, JsonNode record, InterpretOptions options) {
        if (record == null || raw.isContainerNode()) {
            return Optional.empty();
        }
        Optional<BigDecimal> amount = raw.isNumber() ? Optional.of(raw.decimalValue())
                : Numbers.parse(raw.asText(), options).filter(p -> p.quality() >= 1).map(p -> p.value().decimalValue());
        if (amount.isEmpty()) {
            return Optional.empty();
        }
        for (java.util.Iterator<java.util.Map.Entry<String, JsonNode>> it = record.fields(); it.hasNext(); ) {
            java.util.Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", "");
            if (CURRENCY_KEYS.stream().anyMatch(k -> k.toLowerCase(java.util.Locale.ROOT).replace("_", "").equals(key))) {
                Optional<String> code = Currencies.code(entry.getValue());
                if (code.isPresent()) {
                    return Optional.of(new Parsed(Currencies.money(amount.get(), code.get()), 0.9));
                }
            }
        }
        return Optional.empty();
    }

    static String text(JsonNode raw) {
        return raw.isValueNode() ? raw.asText() : raw.toString();
    }
}
