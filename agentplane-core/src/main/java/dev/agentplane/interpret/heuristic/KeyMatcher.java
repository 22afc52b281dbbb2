package dev.agentplane.interpret.heuristic;

import dev.agentplane.interpret.schema.FieldSpec;
import java.util.List;

/** How well a key of the data names a schema field: 1 for the same words, less for synonyms and partial names. */
final class KeyMatcher {
    static final double THRESHOLD = 0.7;

    private KeyMatcher() {}

    static double score(FieldSpec field, String key) {
        String fieldJoined = Keys.joined(field.name());
        String keyJoined = Keys.joined(key);
        if (keyJoined.isEmpty() || fieldJoined.isEmpty()) {
            return 0;
        }
        if (fieldJoined.equals(keyJoined)) {
            return 1.0;
        }
        if (Synonyms.same(fieldJoined, keyJoined)) {
            return 0.92;
        }
        List<String> fieldWords = Keys.words(field.name());
        List<String> keyWords = Keys.words(key);
        double best = 0;
        if (keyWords.containsAll(fieldWords)) {
            best = 0.85 - 0.03 * (keyWords.size() - fieldWords.size()); // cust_phone names phone
        } else if (fieldWords.containsAll(keyWords) && keyJoined.length() >= 3) {
            best = 0.78; // "mail" for email_address
        }
        for (String keyWord : keyWords) {
            if (Synonyms.same(keyWord, fieldJoined) || keyWord.equals(fieldJoined)) {
                best = Math.max(best, 0.82 - 0.03 * (keyWords.size() - 1)); // "contact_email" for email
            }
            for (String fieldWord : fieldWords) {
                if (fieldWords.size() > 1 && Synonyms.same(keyWord, fieldWord) && fieldWord.length() > 2) {
                    best = Math.max(best, 0.72);
                }
            }
        }
        if (Synonyms.same(keyJoined, fieldWords.get(fieldWords.size() - 1)) && fieldWords.size() > 1) {
            best = Math.max(best, 0.8); // key "phone" for field customer_phone
        }
        if (keyJoined.length() >= 5 && Math.abs(keyJoined.length() - fieldJoined.length()) <= 1
                && dev.agentplane.interpret.values.Enums.distance(keyJoined, fieldJoined) <= 1) {
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
}
