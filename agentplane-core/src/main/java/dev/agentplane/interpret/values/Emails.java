package dev.agentplane.interpret.values;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** E-mail addresses, lower-cased; "john at acme dot com" is read too, less surely. */
public final class Emails {
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.+-])[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)*\\.[a-zA-Z]{2,24}(?![\\w-])", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern SPELLED = Pattern.compile(
            "\\b([\\w.+-]+)\\s*[\\[(]?\\s*(?:at|AT)\\s*[\\])]?\\s*([\\w-]+)\\s*[\\[(]?\\s*(?:dot|DOT)\\s*[\\])]?\\s*([a-zA-Z]{2,24})\\b");

    private Emails() {}

    public static Optional<Parsed> parse(String text) {
        List<Found> found = find(text);
        return Found.first(found, text, 2);
    }

    public static List<Found> find(String text) {
        List<Found> found = new ArrayList<>();
        for (java.util.regex.MatchResult matcher : Regions.near(EMAIL, text, Regions.occurrences(text, '@'), 64, 255)) {
            String address = matcher.group().replaceAll("^[.]+|[.]+$", "");
            if (address.contains("..")) {
                continue;
            }
            found.add(new Found(matcher.start(), matcher.end(), new Parsed(TextNode.valueOf(address.toLowerCase(Locale.ROOT)), 1.0)));
        }
        if (found.isEmpty() && text.toLowerCase(Locale.ROOT).contains("dot")) {
            Matcher spelled = SPELLED.matcher(text);
            while (spelled.find()) {
                String address = spelled.group(1) + "@" + spelled.group(2) + "." + spelled.group(3);
                found.add(new Found(spelled.start(), spelled.end(), new Parsed(TextNode.valueOf(address.toLowerCase(Locale.ROOT)), 0.7)));
            }
        }
        return found;
    }
}
