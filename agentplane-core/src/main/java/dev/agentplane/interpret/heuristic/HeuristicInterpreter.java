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
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Interprets data without a model: labelled values first (JSON keys, labels in text, CSV headers, matched by
 * normalized names and synonyms; a header-less row in the schema's order), then values found by their type or by
 * the words around them in the text, then the schema's objects. Every value is normalized and checked against the
 * schema; confidence says how the value was found.
 */
public final class HeuristicInterpreter {
    private HeuristicInterpreter() {}

    /** As {@link #interpret(InterpretSchema, JsonNode, InterpretOptions)}, with what the request's context says. */
    public static Extraction interpret(InterpretSchema schema, JsonNode data, String context, InterpretOptions options) {
        return interpret(schema, data, options.withContext(context));
    }

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
        /** Fields whose own label holds a value that is not valid: the text is not searched for another one. */
        final Set<String> refused = new HashSet<>();
        final Set<Pair> usedPairs = Collections.newSetFromMap(new IdentityHashMap<>());
        final Map<FieldSpec, FieldTerms> terms = new IdentityHashMap<>();
        final Map<FieldSpec, Map<String, Double>> keyScores = new IdentityHashMap<>();
        boolean asksForPerson;

        Run(InterpretOptions options) {
            this.options = options;
        }

        FieldTerms terms(FieldSpec field) {
            return terms.computeIfAbsent(field, FieldTerms::new);
        }

        /** How well a key names a field, worked out once per field and key in this input. */
        double keyScore(FieldSpec field, String key) {
            return keyScores.computeIfAbsent(field, f -> new HashMap<>()).computeIfAbsent(key, k -> KeyMatcher.score(field, k));
        }

        void fields(List<FieldSpec> fields, Source source, double trust) {
            List<FieldSpec> scalars = fields.stream().filter(field -> field.type() != FieldType.OBJECT).toList();
            asksForPerson = scalars.stream().anyMatch(field -> terms(field).kind == FieldTerms.Kind.PERSON);
            if (source.cells != null) {
                positional(scalars, source.cells, trust);
            }
            List<FieldSpec> unlabelled = new ArrayList<>();
            for (FieldSpec field : scalars) {
                if (!values.containsKey(field.path()) && !labelled(field, source, trust)) {
                    unlabelled.add(field);
                }
            }
            for (FieldSpec field : unlabelled) {
                if (!refused.contains(field.path())) {
                    keep(field, unlabelled(field, source), trust, null);
                }
            }
            for (FieldSpec field : fields) {
                if (field.type() == FieldType.OBJECT) {
                    object(field, source, trust);
                }
            }
        }

        private Optional<Candidate> unlabelled(FieldSpec field, Source source) {
            FieldTerms terms = terms(field);
            Text text = source.text(options);
            return switch (field.type()) {
                case ARRAY -> field.items().type() == FieldType.OBJECT ? Optional.empty() : TextScanner.list(field, terms, text);
                case BOOLEAN -> TextScanner.nearName(field, terms, text, options).or(() -> Prose.polar(terms, text));
                case NUMBER, INTEGER -> terms.kind == FieldTerms.Kind.AGE ? TextScanner.nearName(field, terms, text, options)
                        : Prose.counted(field, terms, text).or(() -> TextScanner.nearName(field, terms, text, options));
                case STRING -> terms.kind == FieldTerms.Kind.PERSON && !Synonyms.same(terms.joined, "name")
                        ? TextScanner.nearName(field, terms, text, options).or(() -> TextScanner.byType(field, terms, text, taken))
                        : typedOrNear(field, terms, text);
                default -> typedOrNear(field, terms, text);
            };
        }

        /** The value of the field's type in the text, or the one after its name when that is surer. */
        private Optional<Candidate> typedOrNear(FieldSpec field, FieldTerms terms, Text text) {
            Optional<Candidate> found = TextScanner.byType(field, terms, text, taken);
            if (found.isEmpty() || found.get().confidence() < 0.5) {
                Optional<Candidate> near = TextScanner.nearName(field, terms, text, options);
                if (near.isPresent() && (found.isEmpty() || near.get().confidence() > found.get().confidence())) {
                    found = near;
                }
            }
            return found;
        }

        /** A header-less delimited row read in the schema's order, when every typed cell reads as its field's type. */
        private void positional(List<FieldSpec> fields, List<String> cells, double trust) {
            long typed = fields.stream().filter(field -> field.type() != FieldType.STRING).count();
            if (fields.size() != cells.size() || typed * 2 < fields.size()) {
                return;
            }
            List<Parsed> read = new ArrayList<>();
            for (int i = 0; i < fields.size(); i++) {
                Optional<Parsed> parsed = ValueReader.read(fields.get(i), TextNode.valueOf(cells.get(i)), options);
                boolean plausible = fields.get(i).type() == FieldType.STRING ? !cells.get(i).contains(": ")
                        : parsed.isPresent() && parsed.get().quality() >= 0.9;
                if (parsed.isEmpty() || !plausible) {
                    return;
                }
                read.add(parsed.get());
            }
            for (int i = 0; i < fields.size(); i++) {
                keep(fields.get(i), Optional.of(new Candidate(read.get(i).value(), Confidence.COLUMN_IN_SCHEMA_ORDER * read.get(i).quality(),
                        "column " + (i + 1) + " of a row without a header, read in the schema's order")), trust, null);
            }
        }

        private void object(FieldSpec field, Source source, double trust) {
            Pair best = null;
            double bestScore = 0;
            for (Pair pair : source.pairs) {
                double score = keyScore(field, pair.key());
                if (pair.value().isObject() && score > bestScore) {
                    best = pair;
                    bestScore = score;
                }
            }
            if (best != null && bestScore >= KeyMatcher.THRESHOLD) {
                fields(field.fields(), Source.of(best.value()), trust * Math.min(1, bestScore + 0.05));
                return;
            }
            Source scoped = source.within(field);
            if (!scoped.pairs.isEmpty()) {
                fields(field.fields(), scoped, trust);
            }
            List<FieldSpec> rest = field.fields().stream()
                    .filter(sub -> sub.leaves().stream().anyMatch(leaf -> !values.containsKey(leaf.path()))).toList();
            fields(rest, source, trust * Confidence.FLAT_OBJECT); // the object's fields may sit flat in the data
        }

        /** The best labelled value that reads as the field's type; false when there is none. */
        private boolean labelled(FieldSpec field, Source source, double trust) {
            Candidate best = null;
            Pair bestPair = null;
            for (Pair pair : source.pairs) {
                double score = keyScore(field, pair.key());
                if (score < KeyMatcher.THRESHOLD || usedPairs.contains(pair) && score < 1.0 || Cues.disowns(pair.key())
                        || pair.value().isObject() && field.type() != FieldType.CURRENCY) {
                    continue;
                }
                Optional<Candidate> read = read(field, pair, score);
                if (read.isEmpty()) {
                    if (score >= 0.92 && ValueReader.holdsSomething(pair.value())) {
                        notes.add(field.path() + ": '" + pair.key() + "' holds " + abbreviate(pair.value()) + ", which is not "
                                + article(field) + " " + field.type().name().toLowerCase(Locale.ROOT));
                        if (best == null) {
                            refused.add(field.path());
                        }
                    }
                    continue;
                }
                if (taken.contains(TextScanner.key(field, new Parsed(read.get().value(), 1))) && score < 1.0) {
                    continue;
                }
                if (best == null || read.get().confidence() > best.confidence()) {
                    best = read.get();
                    bestPair = pair;
                }
            }
            if (best == null && Synonyms.same(Keys.joined(field.name()), "name")) {
                best = PersonNames.joinedName(source).orElse(null);
            }
            if (best == null && terms(field).kind == FieldTerms.Kind.COMPANY && !asksForPerson) {
                best = PersonNames.recordName(source, usedPairs, options).orElse(null);
            }
            if (best != null) {
                refused.remove(field.path());
            }
            return keep(field, Optional.ofNullable(best), trust, bestPair);
        }

        private Optional<Candidate> read(FieldSpec field, Pair pair, double score) {
            double labelTrust = Confidence.labelled(score, pair.trust(), 1);
            String how = "labelled '" + pair.key() + "'";
            if (field.type() == FieldType.ARRAY && field.items().type() == FieldType.OBJECT) {
                return ListsOfObjects.read(field, pair.value(), options).map(array -> new Candidate(array, Math.min(0.95, labelTrust * 0.9), how));
            }
            Optional<Parsed> parsed = ValueReader.read(field, pair.value(), options);
            if (parsed.isPresent() && parsed.get().quality() < 0.7 && pair.value().isTextual() && isFindable(field)) {
                // several values under one label ("Phone: +1 212 … (not my number). My cell is …"): the words decide
                Source inner = Source.ofText(pair.key() + ": " + pair.value().asText());
                Optional<Candidate> chosen = TextScanner.byType(field, terms(field), inner.text(options), taken);
                if (chosen.isPresent()) {
                    return Optional.of(new Candidate(chosen.get().value(), Math.min(0.99, labelTrust * Math.sqrt(chosen.get().confidence())),
                            how + ", " + chosen.get().how()));
                }
            }
            if (parsed.isEmpty() && field.type() == FieldType.CURRENCY) {
                parsed = ValueReader.moneyBeside(pair.value(), pair.record(), options);
            }
            if (parsed.isPresent() && terms(field).kind == FieldTerms.Kind.PERSON && parsed.get().value().isTextual()) {
                parsed = Optional.of(PersonNames.splitName(field, pair, PersonNames.personName(parsed.get())));
            }
            return parsed.map(p -> new Candidate(p.value(), Confidence.labelled(score, pair.trust(), p.quality()), how));
        }

        private static boolean isFindable(FieldSpec field) {
            return switch (field.type()) {
                case EMAIL, PHONE, URL, DATE, DATETIME, CURRENCY -> true;
                default -> false;
            };
        }

        private boolean keep(FieldSpec field, Optional<Candidate> candidate, double trust, Pair pair) {
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
            double confidence = round(Confidence.calibrated(candidate.get().confidence() * trust));
            values.put(field.path(), value);
            this.confidence.put(field.path(), confidence);
            taken.add(TextScanner.key(field, new Parsed(value, 1)));
            if (pair != null) {
                usedPairs.add(pair);
            }
            if (confidence < 0.7) {
                notes.add(field.path() + ": " + candidate.get().how());
            }
            return true;
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
