package dev.agentplane.interpret.schema;

import java.util.List;

/**
 * One field of an interpret schema. {@code path} is its dotted place in the result ({@code address.city});
 * {@code items} describes an array's elements, {@code fields} an object's.
 */
public record FieldSpec(String name, String path, FieldType type, String description, boolean required,
                        List<String> enumValues, String pattern, Double minimum, Double maximum, Integer minLength,
                        Integer maxLength, FieldSpec items, List<FieldSpec> fields) {

    public FieldSpec {
        enumValues = enumValues == null ? List.of() : List.copyOf(enumValues);
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    public static FieldSpec of(String name, String path, FieldType type) {
        return new FieldSpec(name, path, type, null, false, null, null, null, null, null, null, null, null);
    }

    /** Every scalar or array field below this one (itself when it is not an object), in schema order. */
    public List<FieldSpec> leaves() {
        if (type != FieldType.OBJECT) {
            return List.of(this);
        }
        return fields.stream().flatMap(field -> field.leaves().stream()).toList();
    }
}
