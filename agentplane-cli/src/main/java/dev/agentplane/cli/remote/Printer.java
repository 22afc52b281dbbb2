package dev.agentplane.cli.remote;

import dev.agentplane.client.ClientJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Prints what a command got from the server: an aligned table (the default) or the JSON itself. */
public final class Printer {
    private final PrintWriter out;
    private final boolean json;

    public Printer(PrintWriter out, OutputOptions.Format format) {
        this.out = out;
        this.json = format == OutputOptions.Format.json;
    }

    public boolean json() {
        return json;
    }

    /** A list of resources, one row each; in table mode a trailing hint when there are more pages. */
    public void rows(Object items, String nextCursor, Column... columns) {
        JsonNode rows = ClientJson.tree(items);
        if (json) {
            var page = ClientJson.mapper().createObjectNode();
            page.set("items", rows);
            page.put("next_cursor", nextCursor);
            print(page);
            return;
        }
        table(rows, columns);
        if (nextCursor != null) {
            out.println("(more: --cursor " + nextCursor + ")");
        }
        out.flush();
    }

    /** One resource: in table mode a "field  value" line per top-level field. */
    public void one(Object resource) {
        JsonNode node = ClientJson.tree(resource);
        if (json || !node.isObject()) {
            print(node);
            return;
        }
        int width = 0;
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            width = Math.max(width, names.next().length());
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            out.printf("%-" + width + "s  %s%n", field.getKey(), Cells.text(field.getValue()));
        }
        out.flush();
    }

    /** A definition's source text as written (in table mode, when asked for), else the resource. */
    public void sourceOr(boolean sourceOnly, String source, Object resource) {
        if (sourceOnly && !json) {
            out.println(source);
            out.flush();
        } else {
            one(resource);
        }
    }

    /** A line of text in table mode; nothing in JSON mode (where only the data is printed). */
    public void note(String text) {
        if (!json) {
            out.println(text);
            out.flush();
        }
    }

    public void print(JsonNode node) {
        try {
            out.println(ClientJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }

    private void table(JsonNode rows, Column[] columns) {
        List<String[]> lines = new ArrayList<>();
        lines.add(java.util.Arrays.stream(columns).map(Column::header).toArray(String[]::new));
        rows.forEach(row -> lines.add(java.util.Arrays.stream(columns).map(c -> c.valueIn(row)).toArray(String[]::new)));
        int[] widths = new int[columns.length];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], Math.min(line[i].length(), Cells.MAX_WIDTH));
            }
        }
        for (String[] line : lines) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                String cell = Cells.fit(line[i], Cells.MAX_WIDTH);
                text.append(i == line.length - 1 ? cell : String.format("%-" + widths[i] + "s  ", cell));
            }
            out.println(text.toString().stripTrailing());
        }
        if (rows.isEmpty()) {
            out.println("(none)");
        }
    }
}
