package dev.agentplane.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;

/** One column of a table: its header and the field it shows (a JSON pointer into each row). */
public record Column(String header, String pointer) {
    public static Column of(String header, String field) {
        return new Column(header, field.startsWith("/") ? field : "/" + field);
    }

    String valueIn(JsonNode row) {
        return Cells.text(row.at(pointer));
    }
}
