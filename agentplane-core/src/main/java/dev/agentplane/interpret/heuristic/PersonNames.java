package dev.agentplane.interpret.heuristic;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.agentplane.interpret.schema.FieldSpec;
import dev.agentplane.interpret.schema.FieldType;
import dev.agentplane.interpret.values.InterpretOptions;
import dev.agentplane.interpret.values.Parsed;
import dev.agentplane.interpret.values.ValueReader;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** A person's name from labels: cut from a longer value, split for a first or last name, joined from its parts. */
final class PersonNames {
    private static final Pattern MORE_THAN_A_NAME = Pattern.compile("[<(;|@\\d]|\\.\\s+\\p{Lu}|^\\p{Ll}");

    private PersonNames() {}

    /** A labelled value that starts with a name and goes on ("Jenna Ortega. Billing …", "Priscilla Huang <p@x.com>"). */
    static Parsed personName(Parsed parsed) {
        String text = parsed.value().asText();
        if (!MORE_THAN_A_NAME.matcher(text).find()) {
            return parsed;
        }
        return Names.leading(text).or(() -> Names.find(text).map(found -> found.parsed().value().asText()))
                .map(name -> new Parsed(TextNode.valueOf(name), parsed.quality() * 0.95)).orElse(parsed.times(0.6));
    }

    /** A full name under a "name" label, cut for a first-name or last-name field. */
    static Parsed splitName(FieldSpec field, Pair pair, Parsed parsed) {
        String joined = Keys.joined(field.name());
        String key = Keys.joined(pair.key());
        boolean part = Synonyms.same(joined, "firstname") || Synonyms.same(joined, "lastname");
        if (!part || !Synonyms.same(key, "name")) {
            return parsed;
        }
        String[] words = parsed.value().asText().split("\\s+");
        if (words.length < 2) {
            return parsed.times(0.7);
        }
        String value = Synonyms.same(joined, "firstname") ? words[0] : words[words.length - 1];
        return new Parsed(TextNode.valueOf(value), parsed.quality() * 0.85);
    }

    /** An organization's record names it under "name" when the schema asks for no person's name beside it. */
    static Optional<Candidate> recordName(Source source, Set<Pair> used, InterpretOptions options) {
        return source.pairs.stream().filter(pair -> pair.value().isTextual() && Keys.joined(pair.key()).equals("name")
                        && !used.contains(pair)).findFirst()
                .flatMap(pair -> ValueReader.read(FieldSpec.of("name", "name", FieldType.STRING), pair.value(), options))
                .map(parsed -> new Candidate(parsed.value(), Confidence.RECORD_NAME, "the record's name (no person's name is asked for)"));
    }

    /** First and last name under their own labels, for a field that wants the whole name. */
    static Optional<Candidate> joinedName(Source source) {
        String first = null, last = null;
        for (Pair pair : source.pairs) {
            String key = Keys.joined(pair.key());
            if (pair.value().isTextual() && Synonyms.same(key, "firstname") && first == null) {
                first = pair.value().asText().strip();
            } else if (pair.value().isTextual() && Synonyms.same(key, "lastname") && last == null) {
                last = pair.value().asText().strip();
            }
        }
        if (first == null || last == null) {
            return Optional.empty();
        }
        return Optional.of(new Candidate(TextNode.valueOf(first + " " + last), Confidence.FIRST_AND_LAST_NAME, "first and last name joined"));
    }
}
