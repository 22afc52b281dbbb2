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

    static double score(FieldSpec field, String key) {
        String fieldJoined = String.join("", Keys.labelWords(field.name()));
        List<String> keyAll = Keys.labelWords(key);
        String keyJoined = String.join("", keyAll);
        if (keyJoined.isEmpty() || fieldJoined.isEmpty()) {
            return 0;
        }
        if (fieldJoined.equals(keyJoined)) {
            return 1.0;
        }
        if (Synonyms.same(fieldJoined, keyJoined)) {
            return 0.92;
        }
        List<String> fieldWords = Keys.content(Keys.labelWords(field.name()));
        List<String> keyWords = Keys.content(keyAll);
        double best = 0;
        double fieldCovered = covered(fieldWords, keyWords, fieldJoined);
        if (fieldCovered > 0) {
            best = fieldCovered * (0.85 - 0.03 * Math.max(0, keyWords.size() - fieldWords.size())); // cust_phone names phone
        }
        double keyCovered = covered(keyWords, fieldWords, keyJoined);
        if (keyCovered > 0 && keyJoined.length() >= 3) {
            boolean head = same(keyWords.get(keyWords.size() - 1), fieldWords.get(fieldWords.size() - 1));
            best = Math.max(best, keyCovered * (head ? 0.8 : 0.78)); // "mail" for email_address, "phone" for customer_phone
        }
        if (keyJoined.length() >= 5 && Math.abs(keyJoined.length() - fieldJoined.length()) <= 1
                && Enums.distance(keyJoined, fieldJoined) <= 1) {
            best = Math.max(best, 0.8); // a typo in the key
        }
        if (field.description() != null && best < THRESHOLD) {
            List<String> described = Keys.words(field.description());
            if (described.contains(keyJoined) || described.containsAll(keyWords)) {
                best = Math.max(best, 0.72);
            }
        }
        return best;
    }

    /**
     * 1 when every word of {@code wanted} is among {@code offered} (by stem), a little less when some only by a
     * synonym or translation; 0 when a word is not there. {@code wantedJoined} may also stand as one word.
     */
    private static double covered(List<String> wanted, List<String> offered, String wantedJoined) {
        if (wanted.isEmpty() || offered.isEmpty()) {
            return 0;
        }
        for (String word : offered) {
            if (Synonyms.same(word, wantedJoined)) {
                return 0.97;
            }
        }
        double factor = 1;
        for (String word : wanted) {
            double match = 0;
            for (String other : offered) {
                match = Math.max(match, same(word, other) ? 1 : Synonyms.same(word, other) ? 0.97 : 0);
            }
            if (match == 0) {
                return 0;
            }
            factor = Math.min(factor, match);
        }
        return factor;
    }

    private static boolean same(String a, String b) {
        return a.equals(b) || Keys.stem(a).equals(Keys.stem(b));
    }
}
