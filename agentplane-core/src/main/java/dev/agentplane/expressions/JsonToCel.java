package dev.agentplane.expressions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cel.common.values.CelByteString;
import dev.cel.common.values.NullValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Set;

/**
 * JSON as CEL sees it: objects are maps with string keys, arrays are lists, integers are int (64-bit), other
 * numbers double, and null is null. Objects and arrays are wrapped, not copied, so a condition that reads one
 * field of a large step output costs the same as one over a small output.
 */
public final class JsonToCel {
    private JsonToCel() {}

    public static Object value(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> new ObjectView((ObjectNode) node);
            case ARRAY -> new ArrayView((ArrayNode) node);
            case STRING -> node.textValue();
            case BOOLEAN -> node.booleanValue();
            // Integers beyond 64 bits become doubles, as JSON parsers in most languages read them.
            case NUMBER -> node.isIntegralNumber() && node.canConvertToLong() ? (Object) node.longValue()
                    : (Object) node.doubleValue();
            case BINARY -> CelByteString.of(binary(node));
            case NULL, MISSING, POJO -> NullValue.NULL_VALUE;
        };
    }

    private static byte[] binary(JsonNode node) {
        try {
            return node.binaryValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON object as a read-only CEL map; {@link CelToJson} copies the underlying node back out. */
    static final class ObjectView extends AbstractMap<String, Object> {
        final ObjectNode node;

        ObjectView(ObjectNode node) {
            this.node = node;
        }

        @Override
        public Object get(Object key) {
            JsonNode child = key instanceof String name ? node.get(name) : null;
            return child == null ? null : value(child);
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String name && node.has(name);
        }

        @Override
        public int size() {
            return node.size();
        }

        @Override
        public Set<Map.Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public int size() {
                    return node.size();
                }

                @Override
                public Iterator<Map.Entry<String, Object>> iterator() {
                    Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return fields.hasNext();
                        }

                        @Override
                        public Map.Entry<String, Object> next() {
                            Map.Entry<String, JsonNode> field = fields.next();
                            return new SimpleImmutableEntry<>(field.getKey(), value(field.getValue()));
                        }
                    };
                }
            };
        }
    }

    /** A JSON array as a read-only CEL list. */
    static final class ArrayView extends AbstractList<Object> implements RandomAccess {
        final ArrayNode node;

        ArrayView(ArrayNode node) {
            this.node = node;
        }

        @Override
        public Object get(int index) {
            return value(node.get(Objects.checkIndex(index, node.size())));
        }

        @Override
        public int size() {
            return node.size();
        }
    }
}
