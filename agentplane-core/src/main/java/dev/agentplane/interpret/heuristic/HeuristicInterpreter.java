package dev.agentplane.interpret.heuristic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.agentplane.interpret.schema.FieldSpec;
import dev.agentplane.interpret.schema.FieldType;
import dev.agentplane.interpret.schema.InterpretSchema;
import dev.agentplane.interpret.values.Constraints;
import dev.agentplane.interpret.values.InterpretOptions;
import dev.agentplane.interpret.values.Parsed;
import dev.agentplane.interpret.values.ValueReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Interprets data without a model: labelled values first (JSON keys, "Label: value" lines, CSV headers, matched
 * by normalized names and synonyms), then values found by their type or by the words around them in the text.
 * Every value is normalized and checked against the schema; confidence says how the value was found.
 */
public final class HeuristicInterpreter {
    private HeuristicInterpreter() {}

    public static Extraction interpret(InterpretSchema schema, JsonNode data, InterpretOptions options) {
        Run run = new Run(options);
        run.fields(schema.fields(), Source.of(data), 1.0);
        List<String> missing = schema.leaves().stream().map(FieldSpec::path).filter(path -> !run.values.containsKey(path)).toList();
        return new Extraction(run.values, run.confidence, missing, run.notes);
    }

    private static final class Run {
        final InterpretOptions options;
        final Map<String, JsonNode> values = new LinkedHashMap<>();
        final Map<String, Double> confidence = new LinkedHashMap<>();
        final List<String> notes = new ArrayList<>();
        final Set<String> taken = new HashSet<>();

        Run(InterpretOptions options) {
            this.options = options;
        }

        void fields(List<FieldSpec> fields, Source source, double trust) {
            List<FieldSpec> unlabelled = new ArrayList<>();
            for (FieldSpec field : fields) {
                if (field.type() == FieldType.OBJECT) {
                    object(field, source, trust);
                } else if (!keep(field, labelled(field, source), trust)) {
                    unlabelled.add(field);
                }
            }
            for (FieldSpec field : unlabelled) {
                Optional<Candidate> found = TextScanner.byType(field, source.text, options, taken);
                if (found.isEmpty() || found.get().confidence() < 0.5) {
                    Optional<Candidate> near = TextScanner.nearName(field, source.text, options);
                    if (near.isPresent() && (found.isEmpty() || near.get().confidence() > found.get().confidence())) {
                        found = near;
                    }
                }
                keep(field, found, trust);
            }
        }

        private void object(FieldSpec field, Source source, double trust) {
            Pair best = null;
            double bestScore = 0;
            for (Pair pair : source.pairs) {
                double score = KeyMatcher.score(field, pair.key());
                if (pair.value().isObject() && score > bestScore) {
                    best = pair;
                    bestScore = score;
                }
            }
            if (best != null && bestScore >= KeyMatcher.THRESHOLD) {
                fields(field.fields(), Source.of(best.value()), trust * Math.min(1, bestScore + 0.05));
            } else {
                fields(field.fields(), source, trust * 0.92); // the object's fields may sit flat in the data
            }
        }

        /** The best labelled value that reads as the field's type. */
        private Optional<Candidate> labelled(FieldSpec field, Source source) {
            Candidate best = null;
            for (Pair pair : source.pairs) {
                double score = KeyMatcher.score(field, pair.key());
                if (score < KeyMatcher.THRESHOLD || pair.value().isObject() && field.type() != FieldType.CURRENCY) {
                    continue;
                }
                Optional<Parsed> parsed = ValueReader.read(field, pair.value(), options).map(p -> splitName(field, pair, p));
                if (parsed.isEmpty()) {
                    if (score >= 0.9 && !pair.value().isNull() && !pair.value().asText().isBlank()) {
                        notes.add(field.path() + ": '" + pair.key() + "' holds " + abbreviate(pair.value()) + ", which is not "
                                + article(field) + " " + field.type().name().toLowerCase(Locale.ROOT));
                    }
                    continue;
                }
                if (taken.contains(TextScanner.key(field, parsed.get())) && score < 1.0) {
                    continue;
                }
                double confidence = Math.min(0.99, (0.55 + 0.45 * score) * pair.trust() * parsed.get().quality());
                if (best == null || confidence > best.confidence()) {
                    best = new Candidate(parsed.get().value(), confidence, "labelled '" + pair.key() + "'");
                }
            }
            if (best == null && Synonyms.same(Keys.joined(field.name()), "name")) {
                return joinedName(source);
            }
            return Optional.ofNullable(best);
        }

        /** A full name under a "name" label, cut for a first-name or last-name field. */
        private Parsed splitName(FieldSpec field, Pair pair, Parsed parsed) {
            String joined = Keys.joined(field.name());
            String key = Keys.joined(pair.key());
            boolean part = Synonyms.same(joined, "firstname") || Synonyms.same(joined, "lastname");
            if (!part || !parsed.value().isTextual() || !Synonyms.same(key, "name")) {
                return parsed;
            }
            String[] words = parsed.value().asText().split("\\s+");
            if (words.length < 2) {
                return parsed.times(0.7);
            }
            String value = Synonyms.same(joined, "firstname") ? words[0] : words[words.length - 1];
            return new Parsed(TextNode.valueOf(value), parsed.quality() * 0.85);
        }

        /** First and last name under their own labels, for a field that wants the whole name. */
        private Optional<Candidate> joinedName(Source source) {
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
            return Optional.of(new Candidate(TextNode.valueOf(first + " " + last), 0.9, "first and last name joined"));
        }

        private boolean keep(FieldSpec field, Optional<Candidate> candidate, double trust) {
            if (candidate.isEmpty()) {
                return false;
            }
            JsonNode value = candidate.get().value();
            Optional<String> violation = Constraints.violation(field, value);
            if (violation.isPresent()) {
                notes.add(field.path() + ": found " + abbreviate(value) + " (" + candidate.get().how() + "), but it "
                        + violation.get());
                return false;
            }
            double confidence = round(candidate.get().confidence() * trust);
            values.put(field.path(), value);
            confidence(field.path(), confidence);
            taken.add(TextScanner.key(field, new Parsed(value, 1)));
            if (confidence < 0.7) {
                notes.add(field.path() + ": " + candidate.get().how());
            }
            return true;
        }

        private void confidence(String path, double value) {
            confidence.put(path, value);
        }
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static String article(FieldSpec field) {
        return "aeiou".indexOf(field.type().name().toLowerCase(Locale.ROOT).charAt(0)) >= 0 ? "an" : "a";
    }

    private static String abbreviate(JsonNode value) {
        String text = value.isTextual() ? "'" + value.asText() + "'" : value.toString();
        return text.length() > 60 ? text.substring(0, 57) + "...'" : text;
    }
}
