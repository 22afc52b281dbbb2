package dev.agentplane.interpret.heuristic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.agentplane.common.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Labels in text: "Label: value" lines (also "Label = value", "Label - value", a tab, a full-width colon),
 * several labels on one line ("Name: X | DOB: Y", "Kunde: X, Firma: Y"), a question answered in place
 * ("Is it a gift? No."), two-column markdown table rows, and a label over a bulleted or numbered list.
 */
final class Labels {
    private static final String KEY = "[¿¡]?[\\p{L}][\\p{L}\\p{N} _./#'’&-]{0,60}?(?:\\s*\\([^()\\n]{1,40}\\))?\\??";
    private static final Pattern WHOLE_LINE = Pattern.compile(
            "^\\s*(?:[-*•]\\s+)?(?<key>" + KEY + ")\\s*(?:[:=：]|\\t|\\s-\\s|\\s–\\s)\\s*(?<value>\\S.*?)\\s*$");
    /** A label read where one may start: the line's start, after , ; | ( or after a sentence's end. */
    private static final Pattern INLINE_KEY = Pattern.compile(
            "\\s*(?<key>[¿¡]?[\\p{L}][\\p{L}\\p{N} _'’-]{0,30}?(?:\\s*\\([^()\\n]{1,40}\\))?)\\s*[:=：]\\s*");
    private static final Pattern QUESTION = Pattern.compile(
            "(?:^|(?<=[.!?]\\s{1,3}))\\s*¿?(?<key>[\\p{L}][^?.!:\\n]{1,60})\\?\\s*:?\\s*(?<value>[\\p{L}\\p{N}✓✔✗✘][^.?!\\n]{0,30}?)\\s*(?=[.!]|$)");
    private static final Pattern LIST_ITEM = Pattern.compile("^\\s*(?:[-*•·]|\\d{1,2}[.)])\\s+(?<item>\\S.*?)\\s*$");
    private static final Pattern TABLE_ROW = Pattern.compile("^\\s*\\|(?<cells>.+)\\|\\s*$");
    private static final Pattern SEPARATORS = Pattern.compile("^[\\s|:+-]+$");
    private static final Pattern TRAILING = Pattern.compile("[\\s,;|]+$");

    private Labels() {}

    static void read(String[] lines, ObjectNode record, List<Pair> pairs) {
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.length() > 400 || line.isBlank()) {
                continue;
            }
            if (tableRow(line, record, pairs) || list(lines, i, record, pairs)) {
                continue;
            }
            List<int[]> inline = hasLabelMark(line) ? inlineKeys(line) : List.of();
            Matcher whole = WHOLE_LINE.matcher(line);
            if (inline.size() <= 1 && (hasLabelMark(line) || line.indexOf('\t') > 0 || line.contains(" - ") || line.contains(" – "))
                    && whole.matches() && !whole.group("value").startsWith("//")
                    && whole.group("key").split("\\s+").length <= 8) {
                add(pairs, record, whole.group("key"), whole.group("value"), 0.95);
            } else {
                inline(line, inline, record, pairs);
            }
            Matcher question = QUESTION.matcher(line);
            while (line.indexOf('?') > 0 && question.find()) {
                if (question.group("value").split("\\s+").length <= 4) {
                    add(pairs, record, question.group("key").strip(), question.group("value"), 0.85);
                }
            }
        }
    }

    private static boolean hasLabelMark(String line) {
        return line.indexOf(':') > 0 || line.indexOf('=') > 0 || line.indexOf('：') > 0;
    }

    /** Where each inline label starts and where its value starts. */
    private static List<int[]> inlineKeys(String line) {
        List<int[]> keys = new ArrayList<>();
        Matcher matcher = INLINE_KEY.matcher(line);
        int after = 0;
        for (int at = 0; at < line.length(); at++) {
            if (at < after || !mayStartLabel(line, at)) {
                continue;
            }
            matcher.region(at, line.length());
            if (matcher.lookingAt()) {
                String words = matcher.group("key").replaceAll("\\(.*\\)", "");
                if (words.strip().split("\\s+").length <= 4 && !line.startsWith("//", matcher.end())) {
                    keys.add(new int[] {matcher.start("key"), matcher.end()});
                    after = matcher.end();
                }
            }
        }
        return keys;
    }

    /** Each label's value runs to the next label on the line. */
    private static void inline(String line, List<int[]> keys, ObjectNode record, List<Pair> pairs) {
        for (int k = 0; k < keys.size(); k++) {
            int[] key = keys.get(k);
            int end = k + 1 < keys.size() ? keys.get(k + 1)[0] : line.length();
            String value = TRAILING.matcher(line.substring(key[1], end)).replaceAll("");
            if (k + 1 < keys.size() && value.endsWith(".")) {
                value = value.substring(0, value.length() - 1);
            }
            String label = line.substring(key[0], key[1]).replaceAll("\\s*[:=：]\\s*$", "");
            if (!value.isBlank()) {
                add(pairs, record, label, value, 0.9);
            }
        }
    }

    private static boolean mayStartLabel(String line, int at) {
        if (at == 0) {
            return true;
        }
        char before = line.charAt(at - 1);
        if (!Character.isLetter(line.charAt(at)) && line.charAt(at) != '¿' && line.charAt(at) != '¡') {
            return false;
        }
        int back = at - 1;
        while (back >= 0 && back > at - 4 && line.charAt(back) == ' ') {
            back--;
        }
        if (back < 0) {
            return true;
        }
        char mark = line.charAt(back);
        return ",;|(".indexOf(mark) >= 0 || ".?!".indexOf(mark) >= 0 && before == ' ';
    }

    private static boolean tableRow(String line, ObjectNode record, List<Pair> pairs) {
        Matcher row = TABLE_ROW.matcher(line);
        if (!row.matches()) {
            return false;
        }
        String[] cells = row.group("cells").split("\\|", -1);
        if (cells.length == 2 && !SEPARATORS.matcher(line).matches() && !cells[0].isBlank() && !cells[1].isBlank()) {
            add(pairs, record, cells[0].strip(), cells[1].strip(), 0.92);
        }
        return true;
    }

    /** "Label:" on its own line over list items: the items are the label's value (and the first one alone). */
    private static boolean list(String[] lines, int at, ObjectNode record, List<Pair> pairs) {
        String line = lines[at].strip();
        if (!line.endsWith(":") || line.length() > 60) {
            return false;
        }
        ArrayNode items = Json.MAPPER.createArrayNode();
        for (int i = at + 1; i < lines.length; i++) {
            Matcher item = LIST_ITEM.matcher(lines[i]);
            if (!item.matches()) {
                break;
            }
            items.add(item.group("item"));
        }
        if (items.isEmpty()) {
            return false;
        }
        String key = line.substring(0, line.length() - 1).replaceFirst("^[-*•]\\s+", "");
        pairs.add(new Pair(key, items, 0.9, record));
        return true;
    }

    static void add(List<Pair> pairs, ObjectNode record, String key, String value, double trust) {
        TextNode node = TextNode.valueOf(value);
        pairs.add(new Pair(key, node, trust, record));
        if (record != null && !record.has(key)) {
            record.set(key, node);
        }
    }
}
