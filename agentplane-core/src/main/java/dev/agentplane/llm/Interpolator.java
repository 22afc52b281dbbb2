package dev.agentplane.llm;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Replaces {@code ${VAR}} in a config value from the environment; an unset or empty variable is an error. */
final class Interpolator {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    /** The interpolated text and the first variable it used (null when it used none). */
    record Value(String text, String variable) {}

    private final Map<String, String> environment;

    Interpolator(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The variable an api_key names, when it is unset: the provider stays configured but cannot be called. */
    String unsetVariable(String text) {
        Matcher matcher = VARIABLE.matcher(text);
        while (matcher.find()) {
            String value = environment.get(matcher.group(1));
            if (value == null || value.isEmpty()) {
                return matcher.group(1);
            }
        }
        return null;
    }

    Value interpolate(String path, String text) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        String first = null;
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = environment.get(name);
            if (value == null || value.isEmpty()) {
                throw new LlmConfigException(path + " uses ${" + name + "}, but the environment variable " + name
                        + (value == null ? " is not set" : " is empty") + ": set it, or change " + path);
            }
            first = first == null ? name : first;
            matcher.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(result);
        return new Value(result.toString(), first);
    }
}
