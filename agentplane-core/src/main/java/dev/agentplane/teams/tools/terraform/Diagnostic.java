package dev.agentplane.teams.tools.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * One of Terraform's diagnostics (an error or warning with its location), read from its machine-readable output:
 * the object of {@code validate -json}, or the {@code diagnostic} messages of the JSON lines that {@code init},
 * {@code plan} and {@code apply} print with {@code -json}. {@code file} is null and {@code line} 0 when unknown.
 */
public record Diagnostic(String severity, String summary, String detail, String file, int line) {
    static final int MAX_DETAIL_CHARS = 600;
    static final int MAX_TEXT_CHARS = 4_000;

    static List<Diagnostic> fromValidate(JsonNode validate) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        validate.path("diagnostics").forEach(d -> diagnostics.add(of(d)));
        return diagnostics;
    }

    /** The diagnostics among JSON lines; lines that are not JSON (a crash, a panic) are ignored here. */
    static List<Diagnostic> fromJsonLines(String output) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (!line.startsWith("{")) {
                continue;
            }
            try {
                JsonNode message = Json.MAPPER.readTree(line);
                if ("diagnostic".equals(message.path("type").asText())) {
                    diagnostics.add(of(message.path("diagnostic")));
                }
            } catch (Exception notJson) {
                // keep reading: one odd line should not hide the diagnostics after it
            }
        }
        return diagnostics;
    }

    private static Diagnostic of(JsonNode d) {
        JsonNode range = d.path("range");
        return new Diagnostic(d.path("severity").asText("error"), d.path("summary").asText(""),
                d.path("detail").asText(""), range.hasNonNull("filename") ? range.get("filename").asText() : null,
                range.path("start").path("line").asInt(0));
    }

    boolean isError() {
        return "error".equals(severity);
    }

    String describe() {
        StringBuilder text = new StringBuilder(severity).append(": ").append(summary);
        if (file != null) {
            text.append(" (").append(file).append(line > 0 ? ":" + line : "").append(')');
        }
        if (!detail.isBlank()) {
            text.append(": ").append(cut(detail.strip(), MAX_DETAIL_CHARS));
        }
        return text.toString();
    }

    /** The diagnostics as lines for the model, errors first, cut to a size it can read. */
    static String describe(List<Diagnostic> diagnostics) {
        List<Diagnostic> ordered = new ArrayList<>(diagnostics.stream().filter(Diagnostic::isError).toList());
        ordered.addAll(diagnostics.stream().filter(d -> !d.isError()).toList());
        StringBuilder text = new StringBuilder();
        for (Diagnostic diagnostic : ordered) {
            text.append(diagnostic.describe()).append('\n');
        }
        return cut(text.toString().strip(), MAX_TEXT_CHARS);
    }

    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "… [" + (text.length() - max) + " more chars]";
    }
}
