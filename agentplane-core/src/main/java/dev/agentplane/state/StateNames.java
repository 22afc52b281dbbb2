package dev.agentplane.state;

import dev.agentplane.common.problems.InvalidInputException;
import java.util.regex.Pattern;

/** Namespaces and keys: 1 to 200 characters from a URL-safe set, checked before they reach SQL. */
final class StateNames {
    static final int MAX_LENGTH = 200;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:@-]+");
    private static final String ALLOWED = "letters, digits, '.', '_', ':', '@' and '-'";

    private StateNames() {}

    /** Checks a path parameter ({@code namespace} or {@code key}). */
    static void check(String parameter, String value) {
        if (value == null || value.isEmpty()) {
            throw InvalidInputException.parameter(parameter, "is empty", "give a " + parameter + " of 1 to "
                    + MAX_LENGTH + " characters");
        }
        checkCharacters(parameter, value);
    }

    /** Checks the optional {@code prefix} filter; empty means no filter. */
    static String prefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return null;
        }
        checkCharacters("prefix", prefix);
        return prefix;
    }

    /**
     * The smallest string above every key that starts with {@code prefix}: keys use only characters below '~',
     * so {@code prefix <= key < prefix + "~"} selects exactly the keys with that prefix in byte order (no LIKE,
     * whose '_' wildcard is a legal key character).
     */
    static String prefixUpperBound(String prefix) {
        return prefix + "~";
    }

    private static void checkCharacters(String parameter, String value) {
        if (value.length() > MAX_LENGTH) {
            throw InvalidInputException.parameter(parameter, "is " + value.length() + " characters long; the maximum is "
                    + MAX_LENGTH, "shorten it to at most " + MAX_LENGTH + " characters");
        }
        if (!NAME.matcher(value).matches()) {
            throw InvalidInputException.parameter(parameter, "'" + value + "' contains characters other than " + ALLOWED,
                    "use only " + ALLOWED + ", e.g. \"session:42\"");
        }
    }
}
