package dev.agentplane.interpret.values;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Web addresses; one written without a scheme gets https://. Trailing sentence punctuation is not part of it. */
public final class Urls {
    private static final String TLD = "(?:com|org|net|io|dev|ai|app|co|edu|gov|info|biz|de|fr|es|uk|eu|us|ca|au|ch|nl|it|se|no|jp|in|me|tv|xyz|tech|cloud|shop|site|ru|br|pl|cn|at|be|dk|fi|pt|ie|nz|mx|ar|za|kr|tw|sg|hk|ma|ng|ke|vn|cz|gr|ro|hu|tr|il|ae|lu|online|store|studio|agency|email|example)";
    private static final Pattern URL = Pattern.compile(
            "\\b(?:https?|ftp)://[^\\s<>\"'`]+"
                    + "|(?<![@\\w.-])www\\.(?:[a-zA-Z0-9-]+\\.)+[a-zA-Z]{2,24}(?![\\w@-])(?::\\d+)?(?:/[^\\s<>\"'`]*)?"
                    + "|(?<![@\\w.-])(?:[a-zA-Z0-9-]+\\.)+" + TLD + "(?![\\w@-])(?::\\d+)?(?:/[^\\s<>\"'`]*)?",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern DOMAIN = Pattern.compile("(?:[a-zA-Z0-9-]+\\.)+[a-zA-Z]{2,24}(?::\\d+)?(?:/\\S*)?[.,;]?");

    private Urls() {}

    public static Optional<Parsed> parse(String text) {
        List<Found> found = find(text);
        if (found.isEmpty()) {
            String whole = text.strip();
            return DOMAIN.matcher(whole).matches() // a labelled value may use any top-level domain
                    ? Optional.of(new Parsed(TextNode.valueOf("https://" + trimTrailing(whole)), 0.9)) : Optional.empty();
        }
        return Found.first(found, text, 1);
    }

    public static List<Found> find(String text) {
        List<Found> found = new ArrayList<>();
        for (java.util.regex.MatchResult matcher : Regions.near(URL, text, inWordDots(text), 80, 400)) {
            String url = trimTrailing(matcher.group());
            boolean schemed = url.matches("(?i)^(https?|ftp)://.*");
            double quality = schemed || url.toLowerCase().startsWith("www.") || url.contains("/") ? 1.0 : 0.8;
            found.add(new Found(matcher.start(), matcher.start() + url.length(),
                    new Parsed(TextNode.valueOf(schemed ? url : "https://" + url), quality)));
        }
        return found;
    }

    /** Dots between letters or digits ("acme.com", not the end of a sentence), where a web address can be. */
    private static List<int[]> inWordDots(String text) {
        List<int[]> dots = new ArrayList<>();
        for (int at = text.indexOf('.'); at >= 0; at = text.indexOf('.', at + 1)) {
            if (at > 0 && at + 1 < text.length() && Character.isLetterOrDigit(text.charAt(at + 1))
                    && Character.isLetterOrDigit(text.charAt(at - 1))) {
                dots.add(new int[] {at, at + 1});
            }
        }
        return dots;
    }

    private static String trimTrailing(String url) {
        String trimmed = url;
        while (!trimmed.isEmpty() && ".,;:!?".indexOf(trimmed.charAt(trimmed.length() - 1)) >= 0) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.endsWith(")") && !trimmed.contains("(")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
