package dev.agentplane.expressions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.primitives.UnsignedLong;
import dev.agentplane.common.Json;
import dev.cel.common.types.CelType;
import dev.cel.common.types.TypeType;
import dev.cel.common.values.CelByteString;
import dev.cel.common.values.NullValue;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * A CEL result as JSON: int and uint become integers, double a number (NaN and infinities are refused), bytes
 * base64 text, timestamps RFC 3339 text, durations seconds text as in protobuf JSON ("90s", "1.5s"), an optional
 * its value or null, map keys text. Every value is charged to the budget as it is copied.
 */
final class CelToJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CelToJson() {}

    static JsonNode convert(Object value, OutputBudget budget) {
        return convert(value, budget, 0);
    }

    private static JsonNode convert(Object value, OutputBudget budget, int depth) {
        budget.spend(1);
        if (depth > Json.MAX_NESTING_DEPTH) {
            throw tooDeep();
        }
        return switch (value) {
            case null -> NODES.nullNode();
            case NullValue ignored -> NODES.nullNode();
            case Boolean b -> NODES.booleanNode(b);
            case String s -> text(s, budget);
            case Long l -> integer(l);
            case Integer i -> NODES.numberNode(i);
            case Double d -> number(d);
            case UnsignedLong u -> u.compareTo(UnsignedLong.valueOf(Long.MAX_VALUE)) <= 0 ? integer(u.longValue())
                    : NODES.numberNode(u.bigIntegerValue());
            case CelByteString bytes -> text(Base64.getEncoder().encodeToString(bytes.toByteArray()), budget);
            case Instant instant -> text(instant.toString(), budget);
            case Duration duration -> text(seconds(duration), budget);
            case Optional<?> optional -> optional.isPresent() ? convert(optional.get(), budget, depth)
                    : NODES.nullNode();
            case TypeType type -> text(type.type().name(), budget);
            case CelType type -> text(type.name(), budget);
            case JsonToCel.ObjectView view -> copy(view.node, budget, depth);
            case JsonToCel.ArrayView view -> copy(view.node, budget, depth);
            case Map<?, ?> map -> object(map, budget, depth);
            case Collection<?> list -> array(list, budget, depth);
            default -> throw new ExpressionFailure("the result is a " + value.getClass().getSimpleName()
                    + ", which has no JSON form", "convert it, e.g. with string(x)");
        };
    }

    private static ExpressionFailure tooDeep() {
        return new ExpressionFailure("the result nests deeper than " + Json.MAX_NESTING_DEPTH + " levels",
                "return a flatter value");
    }

    private static JsonNode text(String s, OutputBudget budget) {
        budget.spend(s.length());
        return NODES.textNode(s);
    }

    /** The smallest integer node, so a result equals the same number parsed from JSON text. */
    private static JsonNode integer(long l) {
        return l == (int) l ? NODES.numberNode((int) l) : NODES.numberNode(l);
    }

    private static JsonNode number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new ExpressionFailure("the result is " + d + ", which JSON cannot hold",
                    "guard the division or check the value with math.isFinite(x)");
        }
        return NODES.numberNode(d);
    }

    private static String seconds(Duration duration) {
        return new BigDecimal(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9))
                .stripTrailingZeros().toPlainString() + "s";
    }

    private static ObjectNode object(Map<?, ?> map, OutputBudget budget, int depth) {
        ObjectNode object = NODES.objectNode();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            budget.spend(key.length());
            object.set(key, convert(entry.getValue(), budget, depth + 1));
        }
        return object;
    }

    private static ArrayNode array(Collection<?> list, OutputBudget budget, int depth) {
        ArrayNode array = NODES.arrayNode(list.size());
        for (Object element : list) {
            array.add(convert(element, budget, depth + 1));
        }
        return array;
    }

    /** Copies an input's JSON as it is, charging the budget, without a round trip through CEL values. */
    private static JsonNode copy(JsonNode node, OutputBudget budget, int depth) {
        if (depth > Json.MAX_NESTING_DEPTH) {
            throw tooDeep();
        }
        if (node.isObject()) {
            ObjectNode object = NODES.objectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                budget.spend(1 + field.getKey().length());
                object.set(field.getKey(), copy(field.getValue(), budget, depth + 1));
            }
            return object;
        }
        if (node.isArray()) {
            ArrayNode array = NODES.arrayNode(node.size());
            for (JsonNode element : node) {
                budget.spend(1);
                array.add(copy(element, budget, depth + 1));
            }
            return array;
        }
        budget.spend(node.isTextual() ? node.textValue().length() : 0);
        return node;
    }
}
