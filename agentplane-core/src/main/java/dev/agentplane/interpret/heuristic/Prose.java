package dev.agentplane.interpret.heuristic;

import com.fasterxml.jackson.databind.node.BooleanNode;
import dev.agentplane.common.Json;
import dev.agentplane.interpret.schema.FieldSpec;
import dev.agentplane.interpret.values.Found;
import dev.agentplane.interpret.values.Parsed;
import dev.agentplane.interpret.values.ValueReader;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Values people write in sentences rather than fields: ages ("he's 38"), counts ("1,200 employees"), a yes or a no. */
final class Prose {
    private static final Pattern AGE_AFTER = Pattern.compile(
            "(?i)\\b(\\d{1,3})\\s*(?:-\\s*)?(?:years?[ -]old|yrs?[ -]old|y/?o\\b|years of age|jahre alt|jährig|ans\\b|años|anos\\b"
                    + "|anni\\b|jaar\\b|лет|岁|歳)");
    private static final Pattern AGE_BEFORE = Pattern.compile(
            "(?i)\\b(?:he's|she's|he is|she is|i'm|i am|they're|aged|age of|age|alter|edad|âge|tenho|ho|heb)\\s*:?\\s*(\\d{1,3})\\b"
                    + "(?!\\s*(?:%|kg|cm|lbs|\\.\\d|[,.]?\\d))");
    /** "John is 45": a name and a bare number of years. */
    private static final Pattern AGE_OF_NAMED = Pattern.compile(
            "\\b\\p{Lu}\\p{Ll}+ (?:is|was|turned|turns) (\\d{1,3})\\b(?![.,]\\d)(?!\\s*(?:%|°|kg|g\\b|cm|m\\b|km|lbs|percent"
                    + "|euros?|dollars?|times|items?|pieces?|units?|minutes?|hours?|days?|weeks?|months?|st\\b|nd\\b|rd\\b|th\\b))");
    /** "Sarah O'Connor, 38, works at …": an age set off by commas right after a name. */
    private static final Pattern AGE_APPOSITION = Pattern.compile("\\p{Lu}\\p{L}+,\\s(\\d{1,3}),\\s");
    private static final Pattern YES_BEFORE = Pattern.compile(
            "(?i)\\b(?:yes|yeah|sure|please|sign (?:me|us) up for|subscribe (?:me|us)(?: to)?|(?:i'd|i would|we'd|we would) like"
                    + "|i want|we want|add me to|opt(?:ing)? in(?: to| for)?)\\b");
    private static final Pattern NO_BEFORE = Pattern.compile(
            "(?i)\\b(?:no|don't|do not|never|without|not interested in|opt(?:ing)? out(?: of)?|unsubscribe(?: me)?(?: from)?)\\b");

    private Prose() {}

    /** A number counted in the field's own words: "1,200 employees", "16 cores", "2.5 kg" for weight_kg, "30 minutes". */
    static Optional<Candidate> counted(FieldSpec field, FieldTerms terms, Text text) {
        for (Found number : text.numbers()) {
            String following = text.value.substring(number.end(), Math.min(text.value.length(), number.end() + 30));
            List<String> words = Keys.words(following.split("[\\n.,;:()]", 2)[0]);
            for (int i = 0; i < Math.min(2, words.size()); i++) {
                double weight = terms.weight(words.get(i));
                boolean ageOfSomeone = words.get(i).startsWith("year") && words.size() > i + 1 && words.get(i + 1).equals("old");
                if (weight > 0 && !ageOfSomeone) {
                    Optional<Parsed> value = ValueReader.read(field, number.parsed().value(), null);
                    if (value.isPresent()) {
                        return Optional.of(new Candidate(value.get().value(), (i == 0 ? Confidence.COUNTED : Confidence.COUNTED_LOOSELY) * (weight == 1 ? 1 : 0.95),
                                "a number of " + words.get(i) + " in the text"));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** A yes or no said about the field's subject in the same clause: "yes I'd like SMS updates", "sign me up for your newsletter". */
    static Optional<Candidate> polar(FieldTerms terms, Text text) {
        for (Text.Mention mention : text.mentions(terms)) {
            int clauseStart = Math.max(Math.max(text.value.lastIndexOf('.', mention.start()), text.value.lastIndexOf('?', mention.start())),
                    Math.max(text.value.lastIndexOf('\n', mention.start()), text.value.lastIndexOf(',', mention.start() - 1))) + 1;
            String before = text.value.substring(Math.max(clauseStart, mention.start() - 40), mention.start());
            if (NO_BEFORE.matcher(before).find()) {
                return Optional.of(new Candidate(BooleanNode.FALSE, Confidence.YES_OR_NO_NEARBY, "a no before '" + mention.text() + "'"));
            }
            if (YES_BEFORE.matcher(before).find()) {
                return Optional.of(new Candidate(BooleanNode.TRUE, Confidence.YES_OR_NO_NEARBY, "a yes before '" + mention.text() + "'"));
            }
        }
        return Optional.empty();
    }

    static Optional<Candidate> age(String text) {
        for (Pattern pattern : List.of(AGE_AFTER, AGE_BEFORE, AGE_OF_NAMED, AGE_APPOSITION)) {
            Matcher matcher = pattern.matcher(text);
            if (matcher.find()) {
                int age = Integer.parseInt(matcher.group(1));
                if (age > 0 && age < 130) {
                    return Optional.of(new Candidate(Json.MAPPER.getNodeFactory().numberNode(age),
                            pattern == AGE_APPOSITION || pattern == AGE_OF_NAMED ? Confidence.AGE_BETWEEN_COMMAS : Confidence.AGE, "an age written in the text"));
                }
            }
        }
        return Optional.empty();
    }

}
