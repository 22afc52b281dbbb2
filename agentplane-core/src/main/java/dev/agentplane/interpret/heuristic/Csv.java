package dev.agentplane.interpret.heuristic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.agentplane.common.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Delimited lines (comma, semicolon, tab, pipe; quoted cells may hold the delimiter). A header row labels the
 * cells of the first data row, and a column of several rows is also offered whole (for a list field). A single
 * line of cells without a header is kept as it is: the interpreter may read it in the schema's order.
 */
final class Csv {
    private static final String DELIMITERS = ",;\t|";
    private static final Pattern HEADER_CELL = Pattern.compile("[\\p{L}][\\p{L}\\p{N} _./#()-]{0,40}");

    private Csv() {}

    /** The cells of a header-less row, or null when the text is no such row. */
    static List<String> read(String[] lines, List<Pair> pairs) {
        List<String> rows = new ArrayList<>();
        for (String line : lines) {
            if (!line.isBlank()) {
                rows.add(line);
            }
        }
        if (rows.isEmpty()) {
            return null;
        }
        char delimiter = delimiter(rows.get(0));
        if (delimiter == 0) {
            if (rows.size() >= 3 && isHeader(List.of(rows.get(0).strip())) && rows.stream().skip(1).noneMatch(r -> r.contains(":"))) {
                column(rows.get(0).strip(), rows.subList(1, rows.size()).stream().map(String::strip).toList(), pairs);
            }
            return null;
        }
        List<String> header = cells(rows.get(0), delimiter);
        if (rows.size() >= 2 && isHeader(header)) {
            List<List<String>> data = new ArrayList<>();
            for (String row : rows.subList(1, rows.size())) {
                List<String> cells = cells(row, delimiter);
                if (cells.size() != header.size()) {
                    break;
                }
                data.add(cells);
            }
            if (!data.isEmpty()) {
                labelled(header, data, pairs);
            }
            return null;
        }
        return rows.size() == 1 && header.size() >= 3 && header.stream().allMatch(cell -> cell.length() <= 80) ? header : null;
    }

    private static void labelled(List<String> header, List<List<String>> data, List<Pair> pairs) {
        ObjectNode record = Json.MAPPER.createObjectNode();
        for (int i = 0; i < header.size(); i++) {
            record.put(header.get(i), data.get(0).get(i));
        }
        for (int i = 0; i < header.size(); i++) {
            String cell = data.get(0).get(i);
            if (!header.get(i).isBlank() && !cell.isEmpty()) {
                pairs.add(new Pair(header.get(i), TextNode.valueOf(cell), data.size() == 1 ? 0.95 : 0.85, record));
            }
        }
        if (data.size() >= 2) {
            for (int i = 0; i < header.size(); i++) {
                int column = i;
                column(header.get(i), data.stream().map(row -> row.get(column)).toList(), pairs);
            }
        }
    }

    private static void column(String header, List<String> values, List<Pair> pairs) {
        ArrayNode items = Json.MAPPER.createArrayNode();
        values.stream().filter(value -> !value.isEmpty()).forEach(items::add);
        pairs.add(new Pair(header, items, 0.9, null));
    }

    private static boolean isHeader(List<String> cells) {
        return cells.stream().allMatch(cell -> cell.isEmpty() || HEADER_CELL.matcher(cell).matches())
                && cells.stream().anyMatch(cell -> !cell.isEmpty());
    }

    /** The delimiter that splits the line into the most cells outside quotes; 0 for none. */
    private static char delimiter(String line) {
        char best = 0;
        int bestCount = 0;
        for (char candidate : DELIMITERS.toCharArray()) {
            int count = cells(line, candidate).size() - 1;
            if (count > bestCount) {
                best = candidate;
                bestCount = count;
            }
        }
        return best;
    }

    /** The cells of a line, quotes removed ("" inside quotes is one quote), each stripped. */
    static List<String> cells(String line, char delimiter) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"' && quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (c == '"' && (quoted || cell.toString().isBlank())) {
                quoted = !quoted;
            } else if (c == delimiter && !quoted) {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().strip());
        return cells;
    }
}
