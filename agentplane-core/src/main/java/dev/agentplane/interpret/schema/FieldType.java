package dev.agentplane.interpret.schema;

import java.util.Locale;
import java.util.Optional;

/** What a schema field holds; the shorthand names are the lower-case names ({@code "phone"}, {@code "datetime"}). */
public enum FieldType {
    STRING, NUMBER, INTEGER, BOOLEAN, EMAIL, PHONE, URL, DATE, DATETIME, CURRENCY, ENUM, ARRAY, OBJECT;

    /** The scalar types a shorthand may name. */
    public static final String SHORTHAND_NAMES =
            "string, number, integer, boolean, email, phone, url, date, datetime, currency, enum:a|b|c";

    public static Optional<FieldType> ofShorthand(String name) {
        String normalized = name.trim().toLowerCase(Locale.ROOT);
        return switch (normalized) {
            case "string", "text", "str" -> Optional.of(STRING);
            case "number", "float", "double", "decimal" -> Optional.of(NUMBER);
            case "integer", "int" -> Optional.of(INTEGER);
            case "boolean", "bool" -> Optional.of(BOOLEAN);
            case "email" -> Optional.of(EMAIL);
            case "phone" -> Optional.of(PHONE);
            case "url", "uri" -> Optional.of(URL);
            case "date" -> Optional.of(DATE);
            case "datetime", "date-time", "timestamp" -> Optional.of(DATETIME);
            case "currency", "money" -> Optional.of(CURRENCY);
            default -> Optional.empty();
        };
    }

    public boolean isScalar() {
        return this != ARRAY && this != OBJECT;
    }
}
