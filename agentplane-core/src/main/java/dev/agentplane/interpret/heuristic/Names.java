package dev.agentplane.interpret.heuristic;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.agentplane.interpret.values.Found;
import dev.agentplane.interpret.values.Parsed;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person's name in free text: "my name is …" (in several languages), a signature under or after "Best regards",
 * "placed by …", "my sister …", a title ("Dr."), a leading name, and last two capitalized words inside a sentence.
 * A word ending a sentence ends the name; greetings and label words around it are not part of it.
 */
final class Names {
    private static final String WORD = "\\p{Lu}(?:[\\p{L}'’-]*\\p{L}|\\.)";
    private static final String NAME = "(?<name>" + WORD + "(?:[ \\t]+(?:(?:van|von|de|del|der|da|di|la|le|du|dos|bin|al|ten|ter)[ \\t]+)*" + WORD + "){0,3})";
    private static final String SIGN_OFFS = "best|best regards|kind regards|regards|warm regards|thanks|thank you|many thanks|cheers|"
            + "sincerely|yours sincerely|yours truly|mit freundlichen grüßen|mit freundlichen gruessen|viele grüße|beste grüße|"
            + "cordialement|bien cordialement|salutations|saludos|atentamente|un saludo|cumprimentos|atenciosamente|"
            + "cordiali saluti|distinti saluti|met vriendelijke groet|groeten|obrigado|obrigada|gracias|merci|danke";
    private static final List<Kind> KINDS = List.of(
            new Kind(Pattern.compile("(?im)^\\s*(?:" + SIGN_OFFS + "|--)\\s*[,!.]?\\s*$\\s*^\\s*" + NAME + "\\s*(?:,|$)"), 0.93),
            new Kind(Pattern.compile("(?<![\\p{L}])(?i:my name is|my name's|name is|i am|i'm|this is|call me|named|je m'appelle|je suis|ich bin"
                    + "|ich heiße|ich heisse|mein name ist|me llamo|soy|mi nombre es|meu nome é|me chamo|sou|mi chiamo|il mio nome è|sono"
                    + "|mijn naam is|ik ben|ik heet|меня зовут|signed|(?:placed|ordered|submitted|requested|booked|made|paid"
                    + "|written|reported|created|sent) by)\\s*:?\\s+" + NAME), 0.95),
            new Kind(Pattern.compile("(?im)(?:^|(?<=[.!]\\s))\\s*(?:" + SIGN_OFFS + ")\\s*,\\s*" + NAME + "(?=\\s*[.!]?\\s*$|,)"), 0.92),
            new Kind(Pattern.compile("(?i:\\b(?:my|his|her|our|their)\\s+(?:sister|brother|mother|father|mom|mum|dad|wife|husband"
                    + "|partner|spouse|son|daughter|friend|colleague|boss|manager|neighbou?r|aunt|uncle|cousin|grandmother"
                    + "|grandfather|fianc[eé]e?|assistant)),?\\s+" + NAME), 0.9),
            new Kind(Pattern.compile("\\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Herr|Frau|M|Mme|Sr|Sra)\\.?\\s+" + NAME), 0.9),
            new Kind(Pattern.compile("^\\s*(?:(?i:hi|hello|hey|dear|hola|olá|ola|bonjour|hallo|ciao|hej|hoi)[,!]?\\s+)?" + NAME
                    + "\\s*(?:[,(\\n<]|\\s[–-]\\s|$)"), 0.9),
            new Kind(Pattern.compile("(?<=[\\p{Ll}\\p{N},;:]\\s)" + NAME.replace("{0,3}", "{1,2}") + "(?![\\p{L}])"), 0.65));
    private static final Set<String> NOT_NAMES = Set.of("Hi", "Hello", "Dear", "Hey", "The", "This", "Please", "Thanks",
            "Thank", "Name", "Email", "E-Mail", "Phone", "Subject", "From", "To", "Re", "Fwd", "Order", "Invoice", "Customer",
            "Best", "Regards", "Cheers", "Date", "Ignore", "I", "We", "Our", "Your", "My", "New", "Note", "Total", "Status",
            "Sent", "Here", "Yes", "No", "Today", "Tomorrow", "Not", "Dringend", "Urgent", "Hola", "Bonjour", "Hallo", "Olá",
            "Ola", "Ciao", "Hej", "Hoi", "Contact", "Client", "Patient", "Attn", "Attention", "Call", "Ship", "Shipping",
            "Billing", "Meeting", "Event", "Team", "Sales", "Support", "Service", "Manager", "Head", "Director", "Good", "Morning",
            "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
            "April", "May", "June", "July", "August", "September", "October", "November", "December", "Mobile", "Tel", "Fax",
            "Address", "Street", "City", "Agent", "Sehr", "Liebe", "Lieber", "Estimado", "Estimada", "Cher", "Chère", "Madame",
            "Monsieur", "Kind", "Warm", "Many", "Sincerely", "If", "And", "Or", "But", "So", "It", "He", "She", "They", "You",
            "Mit", "Viele", "Un", "Der", "Die", "Das", "Le", "La", "El", "Los", "Las", "Il", "Register", "Reach", "Confidentiality",
            "Notice", "Original", "Message", "Questions", "Question", "Answer", "Signed", "Registration", "Application", "Sono",
            "Soy", "Sou", "Je", "Ich", "Ik", "Io", "Eu", "Yo", "Me", "Mi", "Meu", "Mein", "Moi", "Hier", "Aqui", "Ecco");

    private record Kind(Pattern pattern, double quality) {}

    private Names() {}

    /** The most likely name; a longer reading that starts like a shorter one is preferred ("Lucía" → "Lucía Fernández"). */
    static Optional<Found> find(String text) {
        Found best = null;
        for (int kind = 0; kind < KINDS.size(); kind++) {
            boolean fallback = kind == KINDS.size() - 1;
            if (best != null && (best.parsed().value().asText().contains(" ") || fallback)) {
                break; // the kinds below are only asked for a longer reading of a one-word name
            }
            Optional<Found> found = first(KINDS.get(kind), text);
            if (found.isEmpty()) {
                continue;
            }
            if (best == null) {
                best = found.get();
                continue;
            }
            String shorter = best.parsed().value().asText();
            String longer = found.get().parsed().value().asText();
            if (longer.startsWith(shorter + " ")) {
                return Optional.of(new Found(found.get().start(), found.get().end(),
                        new Parsed(TextNode.valueOf(longer), best.parsed().quality())));
            }
        }
        return Optional.ofNullable(best);
    }

    /** The first name a kind of mention gives. */
    private static Optional<Found> first(Kind kind, String text) {
        List<Found> found = new ArrayList<>(1);
        {
            Matcher matcher = kind.pattern().matcher(text);
            while (matcher.find()) {
                int start = matcher.start("name");
                String[] words = matcher.group("name").strip().split("\\s+");
                int from = 0, to = words.length;
                while (from < to && NOT_NAMES.contains(words[from])) {
                    from++;
                }
                while (to > from && (NOT_NAMES.contains(words[to - 1]) || words[to - 1].length() == 2 && words[to - 1].endsWith("."))) {
                    to--;
                }
                if (from == to) {
                    continue;
                }
                String name = String.join(" ", Arrays.copyOfRange(words, from, to));
                int at = text.indexOf(words[from], start);
                double multiWord = to - from > 1 ? 1.0 : 0.92;
                found.add(new Found(at, at + name.length(), new Parsed(TextNode.valueOf(name), kind.quality() * multiWord)));
                break;
            }
        }
        return found.stream().findFirst();
    }

    /** A name at the very start of a labelled value ("Priscilla Huang <p.huang@…>, order total 310.25"). */
    static Optional<String> leading(String value) {
        Matcher matcher = KINDS.get(5).pattern().matcher(value);
        if (!matcher.find()) {
            return Optional.empty();
        }
        String name = matcher.group("name").strip();
        return NOT_NAMES.contains(name.split("\\s+")[0]) ? Optional.empty() : Optional.of(name);
    }
}
