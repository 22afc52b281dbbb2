package dev.agentplane.teams.tools.mcp;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Replaces each {@code ${NAME}} in a setting's value by that variable of the environment; an unset one is an error. */
final class EnvironmentReferences {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private EnvironmentReferences() {}

    static String expand(String value, String path, Function<String, String> environment) {
        Matcher matcher = REFERENCE.matcher(value);
        StringBuilder expanded = new StringBuilder();
        while (matcher.find()) {
            String variable = matcher.group(1);
            String replacement = environment.apply(variable);
            if (replacement == null) {
                throw new IllegalArgumentException(path + " refers to the environment variable " + variable
                        + ", which is not set: set it before the run, or write the value itself");
            }
            matcher.appendReplacement(expanded, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(expanded);
        return expanded.toString();
    }
}
