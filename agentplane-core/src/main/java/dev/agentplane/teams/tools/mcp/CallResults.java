package dev.agentplane.teams.tools.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.teams.tools.ToolResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a tool's result into what the model reads: text as it is, an embedded text resource as its text, and
 * images, audio and binary resources as a short note (the model cannot read base64). Structured content goes to the
 * result's data, and is the text too when the server sent no content.
 */
final class CallResults {
    /** The most text one call gives the model; the rest is cut with a note. */
    static final int MAX_CHARS = 100_000;

    private CallResults() {}

    static ToolResult toToolResult(String server, String tool, McpSchema.CallToolResult result) {
        List<String> parts = new ArrayList<>();
        for (McpSchema.Content content : result.content() == null ? List.<McpSchema.Content>of() : result.content()) {
            parts.add(text(content));
        }
        JsonNode structured = result.structuredContent() == null ? null
                : McpClients.OBJECT_MAPPER.valueToTree(result.structuredContent());
        if (parts.isEmpty() && structured != null) {
            parts.add(structured.toString());
        }
        boolean error = Boolean.TRUE.equals(result.isError());
        String text = cap(String.join("\n", parts));
        if (error) {
            text = "The tool " + tool + " of MCP server '" + server + "' reported an error: "
                    + (text.isBlank() ? "(no message)" : text);
        } else if (text.isBlank()) {
            text = "(the tool returned no content)";
        }
        ObjectNode data = McpClients.OBJECT_MAPPER.createObjectNode().put("server", server).put("tool", tool);
        if (structured != null) {
            data.set("structured_content", structured);
        }
        return new ToolResult(text, error, data);
    }

    private static String text(McpSchema.Content content) {
        return switch (content) {
            case McpSchema.TextContent text -> text.text();
            case McpSchema.ImageContent image -> "[image " + image.mimeType() + ", " + decodedSize(image.data())
                    + " bytes, not shown]";
            case McpSchema.AudioContent audio -> "[audio " + audio.mimeType() + ", " + decodedSize(audio.data())
                    + " bytes, not shown]";
            case McpSchema.EmbeddedResource embedded -> resource(embedded.resource());
            case McpSchema.ResourceLink link -> "[resource link " + link.uri()
                    + (link.name() == null ? "" : " (" + link.name() + ")") + "]";
            default -> "[" + content.type() + " content, not shown]";
        };
    }

    private static String resource(McpSchema.ResourceContents contents) {
        return switch (contents) {
            case McpSchema.TextResourceContents text -> "[resource " + text.uri()
                    + (text.mimeType() == null ? "" : " (" + text.mimeType() + ")") + "]\n" + text.text();
            case McpSchema.BlobResourceContents blob -> "[resource " + blob.uri() + ", " + blob.mimeType() + ", "
                    + decodedSize(blob.blob()) + " bytes of binary, not shown]";
            default -> "[resource " + contents.uri() + ", not shown]";
        };
    }

    private static long decodedSize(String base64) {
        return base64 == null ? 0 : base64.length() / 4L * 3L;
    }

    private static String cap(String text) {
        return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS) + "\n[cut: "
                + (text.length() - MAX_CHARS) + " more characters]";
    }
}
