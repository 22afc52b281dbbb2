package dev.agentplane.interpret.heuristic;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.agentplane.interpret.schema.FieldSpec;
import dev.agentplane.interpret.schema.FieldType;
import dev.agentplane.interpret.values.Currencies;
import dev.agentplane.interpret.values.DateTimes;
import dev.agentplane.interpret.values.Dates;
import dev.agentplane.interpret.values.Emails;
import dev.agentplane.interpret.values.Enums;
import dev.agentplane.interpret.values.Found;
import dev.agentplane.interpret.values.InterpretOptions;
import dev.agentplane.interpret.values.Numbers;
import dev.agentplane.interpret.values.Parsed;
import dev.agentplane.interpret.values.Phones;
import dev.agentplane.interpret.values.Urls;
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
    private static final Pattern AGE_AFTER = Pattern.compile(
            "(?i)\\b(\\d{1,3})\\s*(?:-\\s*)?(?:years?[ -]old|yrs?[ -]old|y/?o\\b|years of age|jahre alt|jährig|ans\\b|años|anni)");
    private static final Pattern AGE_BEFORE = Pattern.compile(
            "(?i)\\b(?:he's|she's|he is|she is|i'm|i am|they're|aged|age of|age|alter|edad|âge)\\s*:?\\s*(\\d{1,3})\\b(?!\\s*(?:%|kg|cm|lbs|\\.\\d))");
    private static final Pattern CONNECTOR = Pattern.compile(
            "^(?:\\s|:|=|-|–|is|was|are|of|at|to|will be|should be|would be|be|ist|est|es|:)*", Pattern.CASE_INSENSITIVE);

    private TextScanner() {}

    /** The field's type found in the text; several different values are told apart by the words before them. */
    static Optional<Candidate> byType(FieldSpec field, String text, InterpretOptions options, Set<String> taken) {
        List<Found> found = switch (field.type()) {
            case EMAIL -> Emails.find(text);
            case PHONE -> Phones.find(text, options);
            case URL -> Urls.find(text);
            case DATE -> Dates.find(text, options);
            case DATETIME -> DateTimes.find(text, options);
            case CURRENCY -> Currencies.find(text, options);
            case ENUM -> Enums.find(text, field.enumValues());
            case STRING -> nameLike(field) ? Names.find(text).map(name -> List.of(nameField(field, name))).orElse(List.of()) : List.of();
            default -> List.of();
        };
        List<Found> free = found.stream().filter(f -> !taken.contains(key(field, f.parsed()))).toList();
        if (free.isEmpty()) {
            return Optional.empty();
        }
        if (field.type() == FieldType.STRING) {
            Found name = free.get(0);
            return Optional.of(new Candidate(name.parsed().value(), name.parsed().quality(), "a name in the text"));
        }
        record Scored(Found found, double cue) {}
        List<Scored> scored = new ArrayList<>();
        for (Found candidate : free) {
            scored.add(new Scored(candidate, Cues.score(field, text, candidate.start(), candidate.end())));
        }
        long distinct = free.stream().map(f -> f.parsed().value()).distinct().count();
        scored.sort(Comparator.comparingDouble((Scored s) -> -s.cue()).thenComparingInt(s -> s.found().start()));
        Scored best = scored.get(0);
        double quality = best.found().parsed().quality();
        if (distinct == 1) {
            double confidence = best.cue() < 0 ? 0.35 : best.cue() > 0 ? 0.93 : 0.86;
            return Optional.of(new Candidate(best.found().parsed().value(), confidence * quality, "the only " + typeName(field) + " in the text"));
        }
        double second = scored.stream().filter(s -> !s.found().parsed().value().equals(best.found().parsed().value()))
                .mapToDouble(Scored::cue).max().orElse(-1);
        double margin = best.cue() - second;
        double confidence = margin >= 0.25 ? 0.8 : margin > 0 ? 0.6 : 0.45;
        return Optional.of(new Candidate(best.found().parsed().value(), confidence * quality,
                "one of " + distinct + " " + typeName(field) + "s in the text, chosen by the words before it"));
    }

    /** A value right after the field's name in the text ("age: 32", "total was $40", "priority high"). */
    static Optional<Candidate> nearName(FieldSpec field, String text, InterpretOptions options) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (ageLike(field)) {
            Optional<Candidate> age = age(text);
            if (age.isPresent()) {
                return age;
            }
        }
        for (String name : Cues.namesOf(field)) {
            int at = lower.indexOf(name);
            while (at >= 0) {
                int end = at + name.length();
                boolean word = (at == 0 || !Character.isLetterOrDigit(lower.charAt(at - 1)))
                        && (end >= lower.length() || !Character.isLetterOrDigit(lower.charAt(end)));
                if (word) {
                    Optional<Parsed> value = after(field, text.substring(end, Math.min(text.length(), end + 80)), options);
                    if (value.isPresent()) {
                        return Optional.of(new Candidate(value.get().value(), 0.8 * value.get().quality(),
                                "written after '" + name + "' in the text"));
                    }
                }
                at = lower.indexOf(name, at + 1);
            }
        }
        return Optional.empty();
    }

    private static Optional<Parsed> after(FieldSpec field, String following, InterpretOptions options) {
        String line = following.split("\\R", 2)[0];
        Matcher connector = CONNECTOR.matcher(line);
        int skip = connector.find() ? connector.end() : 0;
        if (skip == 0 && !line.startsWith(" ")) {
            return Optional.empty();
        }
        String rest = line.substring(skip);
        return switch (field.type()) {
            case NUMBER, INTEGER -> Numbers.find(rest, options).stream().filter(f -> f.start() <= 2).findFirst()
                    .flatMap(f -> ValueReader.scalar(field, rest.substring(f.start(), f.end()), options));
            case STRING -> {
                String clause = rest.split("(?:[,;.!?(]\\s|\\s+(?:and|but|und|et|y)\\s|[,;!?()])", 2)[0].strip();
                yield clause.isEmpty() || clause.length() > 60 ? Optional.empty()
                        : Optional.of(new Parsed(TextNode.valueOf(clause), 0.85));
            }
            case BOOLEAN, ENUM -> ValueReader.scalar(field, rest.split("[\\s,;.]+", 2)[0], options);
            case ARRAY, OBJECT -> Optional.empty();
            default -> ValueReader.scalar(field, rest.length() > 60 ? rest.substring(0, 60) : rest, options)
                    .filter(parsed -> parsed.quality() >= 0.5);
        };
    }

    private static Optional<Candidate> age(String text) {
        for (Pattern pattern : List.of(AGE_AFTER, AGE_BEFORE)) {
            Matcher matcher = pattern.matcher(text);
            if (matcher.find()) {
                int age = Integer.parseInt(matcher.group(1));
                if (age > 0 && age < 130) {
                    return Optional.of(new Candidate(dev.agentplane.common.Json.MAPPER.getNodeFactory().numberNode(age), 0.88,
                            "an age written in the text"));
                }
            }
        }
        return Optional.empty();
    }

    static boolean nameLike(FieldSpec field) {
        String joined = Keys.joined(field.name());
        return Synonyms.same(joined, "name") || Synonyms.same(joined, "firstname") || Synonyms.same(joined, "lastname")
                || joined.endsWith("name") && !joined.contains("company") && !joined.contains("file")
                && !joined.contains("product") && !joined.contains("user") && !joined.contains("street");
    }

    private static boolean ageLike(FieldSpec field) {
        return Synonyms.same(Keys.joined(field.name()), "age") || Keys.joined(field.name()).equals("age");
    }

    /** A full name cut to the part a first-name or last-name field asks for. */
    private static Found nameField(FieldSpec field, Found name) {
        String joined = Keys.joined(field.name());
        String[] words = name.parsed().value().asText().split("\\s+");
        if (words.length > 1 && Synonyms.same(joined, "firstname")) {
            return new Found(name.start(), name.end(), new Parsed(TextNode.valueOf(words[0]), name.parsed().quality() * 0.95));
        }
        if (words.length > 1 && Synonyms.same(joined, "lastname")) {
            return new Found(name.start(), name.end(), new Parsed(TextNode.valueOf(words[words.length - 1]), name.parsed().quality() * 0.9));
        }
        return name;
    }

    static String key(FieldSpec field, Parsed parsed) {
        return field.type() + ":" + parsed.value();
    }

    private static String typeName(FieldSpec field) {
        return field.type().name().toLowerCase(Locale.ROOT).replace("datetime", "date and time");
    }
}
