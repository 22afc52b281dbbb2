package dev.agentplane.interpret.heuristic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.agentplane.common.Json;
import dev.agentplane.interpret.schema.FieldSpec;
import dev.agentplane.interpret.schema.FieldType;
import dev.agentplane.interpret.values.Enums;
import dev.agentplane.interpret.values.Found;
import dev.agentplane.interpret.values.InterpretOptions;
import dev.agentplane.interpret.values.Numbers;
import dev.agentplane.interpret.values.Parsed;
import dev.agentplane.interpret.values.ValueReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds a field's value in text that carries no label for it: by its type, by words near it, by name patterns. */
final class TextScanner {
    private static final Pattern CONNECTOR = Pattern.compile(
            "^(?:\\s|:|=|-|–|#|\\.|\\bis\\b|\\bwas\\b|\\bare\\b|\\bof\\b|\\bat\\b|\\bto\\b|\\bin\\b|\\bon\\b|\\bfor\\b|\\bby\\b"
                    + "|\\babout\\b|\\baround\\b|\\bapprox(?:imately|\\.)?|~|\\bwill be\\b|\\bshould be\\b|\\bwould be\\b|\\bbe\\b"
                    + "|\\bist\\b|\\best\\b|\\bes\\b|\\bè\\b|\\bé\\b|\\bnumber\\b|\\bno\\.?|\\bnr\\.?|\\bnum\\.?|\\bid\\b|\\bref\\.?"
                    + "|(?-i:\\bde\\b|\\bdu\\b|\\bdel\\b))*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern EXPLICIT = Pattern.compile("[:=–-]|\\b(?:is|was|are|be|ist|est|es|è|é)\\b", Pattern.CASE_INSENSITIVE);
    /** Words of a connector that announce a code, not a name: "subscriber number is AB-20417". */
    private static final Pattern ANNOUNCES_CODE = Pattern.compile("(?i)\\b(?:number|no|nr|num|id|ref)\\b|#");
    private static final Pattern ID_TOKEN = Pattern.compile("^#?([\\p{L}\\p{N}]+(?:[-/_.][\\p{L}\\p{N}]+)*)");
    private static final Pattern CLAUSE_END = Pattern.compile("(?:[,;.!?(]\\s|\\s+(?:and|but|und|et|y)\\s|[,;!?()<>])");
    private static final Pattern KINSHIP = Pattern.compile("(?i)\\b(sister|brother|mother|father|mom|mum|dad|wife|husband|partner"
            + "|spouse|son|daughter|friend|colleague|neighbou?r|aunt|uncle|cousin|grandmother|grandfather|parent|guardian"
            + "|fianc[eé]e?|niece|nephew)\\b");

    private TextScanner() {}

    /** The field's type found in the text; several different values are told apart by the words around them. */
    static Optional<Candidate> byType(FieldSpec field, FieldTerms terms, Text text, Set<String> taken) {
        if (field.type() == FieldType.STRING && terms.kind == FieldTerms.Kind.PERSON) { // a name's reading says how sure it is
            return text.name().filter(name -> !taken.contains(key(field, name.parsed())))
                    .map(name -> nameField(terms, name))
                    .map(name -> new Candidate(name.parsed().value(), name.parsed().quality(), "a name in the text"));
        }
        List<Found> found = switch (field.type()) {
            case EMAIL -> text.emails();
            case PHONE -> text.phones();
            case URL -> text.urls();
            case DATE -> text.dates();
            case DATETIME -> text.dateTimes();
            case CURRENCY -> text.currencies();
            case ENUM -> Enums.find(text.value, field.enumValues());
            case STRING -> strings(terms, text);
            default -> List.of();
        };
        List<Found> free = found.stream().filter(f -> !taken.contains(key(field, f.parsed()))).toList();
        if (free.isEmpty()) {
            return Optional.empty();
        }
        record Scored(Found found, double cue) {}
        List<Scored> scored = new ArrayList<>();
        int floor = 0;
        for (Found candidate : found) { // the words after one value and before the next belong to the next
            if (free.contains(candidate)) {
                scored.add(new Scored(candidate, Cues.score(terms, text.value, candidate.start(), candidate.end(),
                        Math.min(floor, candidate.start()))));
            }
            floor = Math.max(floor, candidate.end());
        }
        long distinct = free.stream().map(f -> f.parsed().value()).distinct().count();
        scored.sort(Comparator.comparingDouble((Scored s) -> -s.cue()).thenComparingInt(s -> s.found().start()));
        Scored best = scored.get(0);
        double quality = best.found().parsed().quality();
        if (distinct == 1) {
            boolean read = field.type() == FieldType.STRING; // a company, a title, a city: the reading says how sure it is
            double confidence = best.cue() < 0 ? Confidence.ONLY_OF_TYPE_DISOWNED
                    : read ? Math.min(1, best.cue() > 0 ? 1.03 : 1) : best.cue() > 0 ? Confidence.ONLY_OF_TYPE_NAMED : Confidence.ONLY_OF_TYPE;
            return Optional.of(new Candidate(best.found().parsed().value(), confidence * quality, "the only " + typeName(field) + " in the text"));
        }
        double second = scored.stream().filter(s -> !s.found().parsed().value().equals(best.found().parsed().value()))
                .mapToDouble(Scored::cue).max().orElse(-1);
        double margin = best.cue() - second;
        double confidence = margin >= 0.25 ? Confidence.CHOSEN_CLEARLY : margin > 0 ? Confidence.CHOSEN : Confidence.UNDECIDED;
        return Optional.of(new Candidate(best.found().parsed().value(), confidence * quality,
                "one of " + distinct + " " + typeName(field) + "s in the text, chosen by the words around it"));
    }

    private static List<Found> strings(FieldTerms terms, Text text) {
        return switch (terms.kind) {
            case COMPANY -> text.organizations();
            case JOB_TITLE -> text.titles();
            case CITY -> text.cities();
            case STREET -> part(text, Addresses.Part.STREET);
            case ZIP -> part(text, Addresses.Part.ZIP);
            case STATE -> part(text, Addresses.Part.STATE);
            case COUNTRY -> part(text, Addresses.Part.COUNTRY);
            case RELATIONSHIP -> kinship(text.value);
            default -> List.of();
        };
    }

    private static List<Found> part(Text text, Addresses.Part part) {
        Found found = text.address().get(part);
        return found == null ? List.of() : List.of(found);
    }

    private static List<Found> kinship(String text) {
        Matcher matcher = KINSHIP.matcher(text);
        return matcher.find() ? List.of(new Found(matcher.start(), matcher.end(),
                new Parsed(TextNode.valueOf(matcher.group(1).toLowerCase(Locale.ROOT)), 0.9))) : List.of();
    }

    /** A value right after a word that names the field ("age: 32", "total was $40", "order #A-55123", "Rechnung Nr. 17"). */
    static Optional<Candidate> nearName(FieldSpec field, FieldTerms terms, Text text, InterpretOptions options) {
        if (terms.kind == FieldTerms.Kind.AGE) {
            Optional<Candidate> age = Prose.age(text.value);
            if (age.isPresent()) {
                return age;
            }
        }
        for (Text.Mention mention : text.mentions(terms)) {
            String following = text.value.substring(mention.end(), Math.min(text.value.length(), mention.end() + 80));
            if (Cues.disowns(following.substring(0, Math.min(following.length(), 24)))) {
                continue; // "email (do not use): …"
            }
            Optional<Parsed> value = after(field, terms, following, options);
            if (value.isPresent()) {
                double weight = mention.weight() == 1 ? Confidence.AFTER_OWN_WORD : Confidence.AFTER_SYNONYM;
                return Optional.of(new Candidate(value.get().value(), weight * value.get().quality(),
                        "written after '" + mention.text() + "' in the text"));
            }
        }
        return Optional.empty();
    }

    /** Every value of a list field's item type in the text, in order. */
    static Optional<Candidate> list(FieldSpec field, FieldTerms terms, Text text) {
        List<Found> found = switch (field.items().type()) {
            case EMAIL -> text.emails();
            case PHONE -> text.phones();
            case URL -> text.urls();
            case DATE -> text.dates();
            case DATETIME -> text.dateTimes();
            case CURRENCY -> text.currencies();
            default -> List.of();
        };
        ArrayNode values = Json.MAPPER.createArrayNode();
        found.stream().map(f -> f.parsed().value()).distinct().forEach(values::add);
        return values.isEmpty() ? Optional.empty() : Optional.of(new Candidate(values, Confidence.EVERY_ONE_IN_TEXT, "every " + typeName(field.items()) + " in the text"));
    }

    private static Optional<Parsed> after(FieldSpec field, FieldTerms terms, String following, InterpretOptions options) {
        String line = following.split("\\R", 2)[0];
        Matcher connector = CONNECTOR.matcher(line);
        int skip = connector.find() ? connector.end() : 0;
        if (skip == 0) {
            return Optional.empty();
        }
        String rest = line.substring(skip);
        boolean explicit = EXPLICIT.matcher(line.substring(0, skip)).find();
        boolean code = ANNOUNCES_CODE.matcher(line.substring(0, skip)).find();
        return switch (field.type()) {
            case NUMBER, INTEGER -> Numbers.find(rest, options).stream().filter(f -> f.start() == 0).findFirst()
                    .flatMap(f -> ValueReader.scalar(field, rest.substring(f.start(), f.end()), options));
            case STRING -> terms.kind == FieldTerms.Kind.IDENTIFIER || terms.kind == FieldTerms.Kind.ZIP ? identifier(rest)
                    : explicit && !code ? clause(terms, rest) : Optional.empty();
            case BOOLEAN, ENUM -> ValueReader.scalar(field, rest.split("[\\s,;.]+", 2)[0], options);
            case ARRAY, OBJECT -> Optional.empty();
            default -> ValueReader.scalar(field, rest.length() > 60 ? rest.substring(0, 60) : rest, options)
                    .filter(parsed -> parsed.quality() >= 0.5);
        };
    }

    /** A code written after its name: one token with a digit in it ("INV-2024-0042", "#A-55123", "4711"). */
    private static Optional<Parsed> identifier(String rest) {
        Matcher token = ID_TOKEN.matcher(rest);
        if (!token.find() || token.group(1).chars().noneMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(TextNode.valueOf(token.group(1)), 0.95));
    }

    private static Optional<Parsed> clause(FieldTerms terms, String rest) {
        String clause = CLAUSE_END.split(rest, 2)[0].strip();
        if (terms.kind == FieldTerms.Kind.PERSON) {
            return Names.leading(clause).map(name -> new Parsed(TextNode.valueOf(name), 0.95));
        }
        return clause.isEmpty() || clause.length() > 60 ? Optional.empty() : Optional.of(new Parsed(TextNode.valueOf(clause), 0.9));
    }

    /** A full name cut to the part a first-name or last-name field asks for. */
    private static Found nameField(FieldTerms terms, Found name) {
        String[] words = name.parsed().value().asText().split("\\s+");
        if (words.length > 1 && Synonyms.same(terms.joined, "firstname")) {
            return new Found(name.start(), name.end(), new Parsed(TextNode.valueOf(words[0]), name.parsed().quality() * 0.95));
        }
        if (words.length > 1 && Synonyms.same(terms.joined, "lastname")) {
            return new Found(name.start(), name.end(), new Parsed(TextNode.valueOf(words[words.length - 1]), name.parsed().quality() * 0.9));
        }
        return name;
    }

    /**
     * What makes a value already used by another field: an e-mail or a name is one field's, while two fields may
     * well both be false, 3 or "high".
     */
    static String key(FieldSpec field, Parsed parsed) {
        return switch (field.type()) {
            case BOOLEAN, ENUM, NUMBER, INTEGER, CURRENCY -> field.path() + ":" + parsed.value();
            default -> field.type() + ":" + parsed.value();
        };
    }

    private static String typeName(FieldSpec field) {
        return field.type().name().toLowerCase(Locale.ROOT).replace("datetime", "date and time");
    }
}
