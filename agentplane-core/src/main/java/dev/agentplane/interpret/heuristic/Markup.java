package dev.agentplane.interpret.heuristic;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text as a reader sees it: HTML tags and entities, markdown emphasis, quote markers and code ticks removed, and
 * the many kinds of space (no-break, thin, narrow) written as plain spaces.
 */
final class Markup {
    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->|(?i)<(script|style)\\b[^>]*>.*?</\\1\\s*>", Pattern.DOTALL);
    private static final Pattern BLOCK_TAG = Pattern.compile(
            "(?i)<\\s*/?\\s*(?:br|p|div|li|tr|h[1-6]|table|ul|ol|section|article|header|footer)\\b[^>]*>");
    private static final Pattern TAG = Pattern.compile("<\\s*/?\\s*[a-zA-Z][a-zA-Z0-9]*(?:\\s[^<>]*)?/?>");
    private static final Pattern ENTITY = Pattern.compile("&(#\\d{1,6}|#x[0-9a-fA-F]{1,5}|[a-zA-Z]{2,6});");
    private static final Map<String, String> ENTITIES = Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'",
            "nbsp", " ", "euro", "€", "pound", "£");
    private static final Pattern STRONG = Pattern.compile("\\*\\*|__|`+");
    private static final Pattern EMPHASIS = Pattern.compile("(?<![\\w*])[_*](\\S(?:[^_*\\n]*?\\S)?)[_*](?![\\w*])");
    private static final Pattern QUOTE_OR_HEADING = Pattern.compile("(?m)^[ \\t]*(?:>[ \\t]?)+|^[ \\t]*#{1,6}[ \\t]+");
    private static final Pattern SPACES = Pattern.compile("[\\u00a0\\u2000-\\u200a\\u202f\\u205f\\u3000]");
    private static final Pattern INVISIBLE = Pattern.compile("[\\u200b-\\u200d\\ufeff]");

    private Markup() {}

    static String clean(String text) {
        String plain = text;
        if (plain.indexOf('<') >= 0 && TAG.matcher(plain).find()) {
            plain = COMMENT.matcher(plain).replaceAll("");
            plain = BLOCK_TAG.matcher(plain).replaceAll("\n");
            plain = TAG.matcher(plain).replaceAll("");
        }
        if (plain.indexOf('&') >= 0) {
            plain = entities(plain);
        }
        if (plain.indexOf('*') >= 0 || plain.indexOf('_') >= 0 || plain.indexOf('`') >= 0) {
            plain = STRONG.matcher(plain).replaceAll("");
            plain = EMPHASIS.matcher(plain).replaceAll("$1");
        }
        if (plain.indexOf('>') >= 0 || plain.indexOf('#') >= 0) {
            plain = QUOTE_OR_HEADING.matcher(plain).replaceAll("");
        }
        plain = SPACES.matcher(plain).replaceAll(" ");
        return INVISIBLE.matcher(plain).replaceAll("");
    }

    private static String entities(String text) {
        Matcher matcher = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String replacement;
            if (name.startsWith("#x")) {
                replacement = new String(Character.toChars(Integer.parseInt(name.substring(2), 16)));
            } else if (name.startsWith("#")) {
                replacement = new String(Character.toChars(Integer.parseInt(name.substring(1))));
            } else {
                replacement = ENTITIES.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), matcher.group());
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
