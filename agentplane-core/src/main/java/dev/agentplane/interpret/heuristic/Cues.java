package dev.agentplane.interpret.heuristic;

import java.util.List;
import java.util.regex.Pattern;

/** Words around a value that tell which field it belongs to, or that it is not the one meant. */
final class Cues {
    static final int WINDOW = 48;
    private static final Pattern NEGATIVE = Pattern.compile(
            "(?i)\\b(?:not|old|former|previous|prior|no longer|don't|do not|never|ignore|instead of|wrong|outdated|deprecated"
                    + "|used to|ex-|nicht mehr|alte|ancien|antiguo|cc|bcc|fax|earlier draft)\\b[^\\n]{0,30}$");
    private static final Pattern FOLLOWING_NEGATIVE = Pattern.compile(
            "(?i)^[^\\n]{0,12}?(?:\\bis (?:no longer|not)|\\bno longer|\\(old\\)|\\(former\\)|\\(fax\\)|\\bis outdated|\\bis wrong"
                    + "|\\(?\\bnot (?:my|mine|his|her|our|their|the right|current|valid)\\b|\\bwhich was\\b)");

    private static final Pattern CURRENT = Pattern.compile(
            "(?i)\\b(?:new|current|updated|correct|primary|preferred|latest|main|best|neue|nouvel(?:le)?|nuevo|nueva)\\b[^\\n]{0,40}$");

    /** A negation before a value counts only in its own sentence: "(not my number). My cell is …". */
    private static final Pattern CLAUSE_BEFORE = Pattern.compile("^.*[.!?;]\\s+(?=\\S)", Pattern.DOTALL);

    private static final Pattern DISOWNING_LABEL = Pattern.compile(
            "(?i)\\b(?:old|former|previous|prior|outdated|deprecated|do not use|don't use|not in use|no longer|invalid|alte[rs]?|ancien(?:ne)?|antigu[oa])\\b");

    private Cues() {}

    /** A label that says its value is not the one to use: "Alt email (do not use)", "Old phone", "Former address". */
    static boolean disowns(String label) {
        return DISOWNING_LABEL.matcher(label).find();
    }

    /**
     * How much the text just before {@code start} (and just after {@code end}) points at the field, looking back no
     * further than {@code floor} (the end of the value before it).
     */
    static double score(FieldTerms field, String text, int start, int end, int floor) {
        int from = Math.max(floor, start - WINDOW);
        int lineStart = text.lastIndexOf('\n', start - 1) + 1;
        double score = 0;
        if (lineStart < start) {
            List<String> sameLine = Keys.words(text.substring(Math.max(from, lineStart), start));
            int n = sameLine.size();
            for (int i = 0; i < n; i++) {
                double weight = Math.max(field.weight(sameLine.get(i)),
                        i + 1 < n ? field.weight(sameLine.get(i) + sameLine.get(i + 1)) : 0);
                int distance = n - 1 - i;
                double near = distance < 4 ? 1 : distance < 7 ? 0.8 : 0.6;
                score = Math.max(score, weight * near * 0.5);
            }
        }
        if (from < lineStart && score == 0 && field.strongest(Keys.words(text.substring(from, lineStart))) > 0) {
            score = 0.15;
        }
        String sameLineText = CLAUSE_BEFORE.matcher(text.substring(Math.max(from, lineStart), start)).replaceFirst("");
        if (NEGATIVE.matcher(sameLineText).find()) {
            score -= 0.6; // "my old email" outweighs any naming of the field
        } else if (CURRENT.matcher(sameLineText).find()) {
            score += 0.2;
        }
        String after = text.substring(end, Math.min(text.length(), end + 30));
        List<String> following = Keys.words(after.split("[\\n,;.:()]", 2)[0]);
        if (!following.isEmpty() && field.weight(following.get(0)) == 1) {
            score = Math.max(score, 0.4); // the field's word right after its value: "the Senior Data Engineer position"
        }
        if (FOLLOWING_NEGATIVE.matcher(after).find()) {
            score -= 0.6;
        }
        return score;
    }
}
