package dev.agentplane.interpret.heuristic;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.agentplane.interpret.values.Found;
import dev.agentplane.interpret.values.Parsed;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A person's name in free text: "my name is …", "I'm …", a signature under "Best regards", a leading name. */
final class Names {
    private static final String WORD = "\\p{Lu}[\\p{L}'’-]*\\.?";
    private static final String NAME = "(?<name>" + WORD + "(?:\\s+(?:(?:van|von|de|del|der|da|di|la|le|du|dos|bin|al)\\s+)*" + WORD + "){0,3})";
    private static final Pattern INTRODUCED = Pattern.compile(
            "(?i:my name is|my name's|name is|i am|i'm|this is|call me|named|je m'appelle|je suis|ich bin|ich heiße|ich heisse"
                    + "|mein name ist|me llamo|soy|mi nombre es|signed|from)\\s*:?\\s+" + NAME);
    private static final Pattern SIGN_OFF = Pattern.compile(
            "(?im)^\\s*(?:best|best regards|kind regards|regards|warm regards|thanks|thank you|many thanks|cheers|sincerely|"
                    + "yours sincerely|yours truly|mit freundlichen grüßen|mit freundlichen gruessen|viele grüße|beste grüße|"
                    + "cordialement|bien cordialement|salutations|saludos|atentamente|un saludo|--)\\s*[,!.]?\\s*$\\s*^\\s*" + NAME + "\\s*$");
    private static final Pattern TITLED = Pattern.compile("\\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Herr|Frau|M|Mme|Sr|Sra)\\.?\\s+" + NAME);
    private static final Pattern LEADING = Pattern.compile("^\\s*(?:(?:hi|hello|hey|dear)[,!]?\\s+)?" + NAME + "\\s*(?:[,(\\n–-]|$)");
    private static final Set<String> NOT_NAMES = Set.of("Hi", "Hello", "Dear", "Hey", "The", "This", "Please", "Thanks",
            "Thank", "Name", "Email", "Phone", "Subject", "From", "To", "Re", "Fwd", "Order", "Invoice", "Customer",
            "Best", "Regards", "Cheers", "Date", "Ignore", "I", "We", "Our", "Your", "My", "New", "Note", "Total", "Status",
            "Sent", "Here", "Yes", "No", "Today", "Tomorrow", "Not", "Dringend", "Urgent", "Hola", "Bonjour", "Hallo");

    private Names() {}

    static Optional<Found> find(String text) {
        Optional<Found> found = first(SIGN_OFF, text, 0.8);
        if (found.isEmpty()) {
            found = first(INTRODUCED, text, 0.85);
        }
        if (found.isEmpty()) {
            found = first(TITLED, text, 0.75);
        }
        if (found.isEmpty()) {
            found = first(LEADING, text, 0.78);
        }
        return found;
    }

    private static Optional<Found> first(Pattern pattern, String text, double quality) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            String name = trim(matcher.group("name"));
            if (name.isEmpty() || NOT_NAMES.contains(name.split("\\s+")[0].replaceAll("[.,]$", ""))) {
                continue;
            }
            double multiWord = name.contains(" ") ? 1.0 : 0.85;
            return Optional.of(new Found(matcher.start("name"), matcher.start("name") + name.length(),
                    new Parsed(TextNode.valueOf(name), quality * multiWord)));
        }
        return Optional.empty();
    }

    private static String trim(String name) {
        String trimmed = name.strip().replaceAll("[.,]$", "");
        String[] words = trimmed.split("\\s+");
        int keep = words.length;
        while (keep > 0 && NOT_NAMES.contains(words[keep - 1])) {
            keep--;
        }
        return String.join(" ", java.util.Arrays.copyOf(words, keep));
    }
}
