package dev.agentplane.interpret.heuristic;

import dev.agentplane.interpret.schema.FieldSpec;
import dev.agentplane.interpret.values.Enums;
import java.util.List;

/**
 * How well a key of the data names a schema field: 1 for the same words, less for synonyms, translations and
 * partial names. Words are compared by stem ("Recording" names "recorded") and the joining words of a label
 * ("I agree to the privacy policy") do not count against it.
 */
final class KeyMatcher {
    static final double THRESHOLD = 0.7;

    private KeyMatcher() {}

    /** A name's words as the comparison needs them, read once per name (labels and field names repeat). */
    private record Name(String joined, List<String> words, List<String> stems) {
        static Name of(String text) {
            List<String> all = Keys.labelWords(text);
            List<String> words = Keys.content(all);
            return new Name(String.join("", all), words, words.stream().map(Keys::stem).toList());
        }
    }

    static double score(FieldSpec field, String key) {
        Name fieldName = Name.of(field.name());
        Name keyName = Name.of(key);
        if (keyName.joined().isEmpty() || fieldName.joined().isEmpty()) {
            return 0;
        }
        if (fieldName.joined().equals(keyName.joined())) {
            return 1.0;
        }
        if (Synonyms.same(fieldName.joined(), keyName.joined())) {
            return 0.92;
        }
        if (namesAnotherField(fieldName, keyName)) {
            return 0; // "First name" is not the whole name, "Company name" not a person's
        }
        double best = 0;
        double fieldCovered = covered(fieldName, keyName);
        if (fieldCovered > 0) {
            best = fieldCovered * (0.85 - 0.03 * Math.max(0, keyName.words().size() - fieldName.words().size())); // cust_phone names phone
        }
        double keyCovered = covered(keyName, fieldName);
        if (keyCovered > 0 && keyName.joined().length() >= 3) {
            boolean head = keyName.stems().get(keyName.stems().size() - 1).equals(fieldName.stems().get(fieldName.stems().size() - 1));
            best = Math.max(best, keyCovered * (head ? 0.8 : 0.78)); // "mail" for email_address, "phone" for customer_phone
        }
        if (keyName.joined().length() >= 5 && Math.abs(keyName.joined().length() - fieldName.joined().length()) <= 1
                && Enums.distance(keyName.joined(), fieldName.joined()) <= 1) {
            best = Math.max(best, 0.8); // a typo in the key
        }
        if (field.description() != null && best < THRESHOLD) {
            List<String> described = Keys.labelWords(field.description());
            if (described.contains(keyName.joined()) || described.containsAll(keyName.words())) {
                best = Math.max(best, 0.72);
            }
        }
        return best;
    }

    /**
     * A key with more words than the field that is itself the name of another known field: "first name" or "company
     * name" for a field "name". ("Customer name" still names a field "customer": a role's value is a person's name.)
     */
    private static boolean namesAnotherField(Name field, Name key) {
        if (key.words().size() <= field.words().size() || !Synonyms.known(field.joined()) || !key.stems().containsAll(field.stems())) {
            return false;
        }
        List<String> words = key.words();
        for (int from = 0; from < words.size(); from++) { // "attributes first name" holds "first name"
            for (int to = from + 2; to <= Math.min(words.size(), from + 3); to++) {
                List<String> phrase = words.subList(from, to);
                String joined = String.join("", phrase);
                if (Synonyms.known(joined) && !Synonyms.same(joined, field.joined()) && !Synonyms.same(joined, "name")
                        && phrase.containsAll(field.words())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * 1 when every word of {@code wanted} is among {@code offered} (by stem), a little less when some only by a
     * synonym or translation; 0 when a word is not there. The wanted name may also stand as one offered word.
     */
    private static double covered(Name wanted, Name offered) {
        if (wanted.words().isEmpty() || offered.words().isEmpty()) {
            return 0;
        }
        for (String word : offered.words()) {
            if (Synonyms.same(word, wanted.joined())) {
                return 0.97;
            }
        }
        double factor = 1;
        for (int i = 0; i < wanted.words().size(); i++) {
            double match = 0;
            for (int j = 0; j < offered.words().size() && match < 1; j++) {
                match = Math.max(match, wanted.stems().get(i).equals(offered.stems().get(j)) ? 1
                        : Synonyms.same(wanted.words().get(i), offered.words().get(j)) ? 0.97 : 0);
            }
            if (match == 0) {
                return 0;
            }
            factor = Math.min(factor, match);
        }
        return factor;
    }
}
