package dev.agentplane.teams.tools.file;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.teams.tools.AgentTool;
import dev.agentplane.teams.tools.ToolContext;
import dev.agentplane.teams.tools.ToolResult;
import dev.agentplane.teams.tools.support.Arguments;
import dev.agentplane.teams.tools.support.ToolArgumentException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * {@code saveFile}: the Plagentic tool of that name, so Plagentic team files run unchanged. It is {@code file}'s
 * write under the same rules: {@code path} relative to the workspace, {@code content} the whole file.
 */
public final class SaveFileTool implements AgentTool {
    private static final JsonNode SCHEMA = Json.parse("""
            {"type": "object", "additionalProperties": false, "required": ["path", "content"], "properties": {
              "path": {"type": "string", "description": "relative to the workspace, e.g. 'report.md'"},
              "content": {"type": "string", "description": "the whole content of the file"}
            }}""");
    private final FileOperations files;

    public SaveFileTool(FileSettings settings) {
        this.files = new FileOperations(settings);
    }

    @Override
    public String name() {
        return "saveFile";
    }

    @Override
    public String description() {
        return "Saves content to a file in the workspace, creating its directories and replacing the file if it "
                + "exists. The path is relative to the workspace; absolute paths, '..' and symbolic links are refused.";
    }

    @Override
    public JsonNode parameters() {
        return SCHEMA.deepCopy();
    }

    @Override
    public ToolResult run(JsonNode arguments, ToolContext context) {
        try {
            Arguments args = Arguments.of(arguments, Set.of("path", "content"));
            return files.write(new WorkspacePaths(context.workspace()), args.requiredString("path"),
                    args.requiredString("content"));
        } catch (ToolArgumentException e) {
            return ToolResult.error(e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            return ToolResult.error("the file could not be saved: " + e.getMessage());
        }
    }
}
