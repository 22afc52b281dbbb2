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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code file}: {@code read}, {@code write}, {@code list} and {@code search} in the run's workspace, chosen by the
 * {@code operation} argument. Paths are relative to the workspace; absolute paths, {@code ..} and symbolic links
 * are refused (see {@link WorkspacePaths}).
 */
public final class FileTool implements AgentTool {
    static final Duration DEFAULT_SEARCH_TIMEOUT = Duration.ofSeconds(30);
    /** The arguments each operation takes besides {@code operation}. */
    private static final Map<String, List<String>> ARGUMENTS = Map.of(
            "read", List.of("path", "offset"),
            "write", List.of("path", "content"),
            "list", List.of("path", "recursive"),
            "search", List.of("pattern", "regex", "path"));
    private static final JsonNode SCHEMA = Json.parse("""
            {"type": "object", "additionalProperties": false, "required": ["operation"], "properties": {
              "operation": {"type": "string", "enum": ["read", "write", "list", "search"],
                "description": "read a file, write (create or replace) a file, list a directory, or search files for a text"},
              "path": {"type": "string", "description": "relative to the workspace, e.g. 'src/main.tf'; '.' is the workspace (the default for list and search)"},
              "content": {"type": "string", "description": "write: the whole new content of the file"},
              "offset": {"type": "integer", "minimum": 0, "description": "read: the byte to start at, to read a large file in parts"},
              "recursive": {"type": "boolean", "description": "list: include what subdirectories hold (default false)"},
              "pattern": {"type": "string", "description": "search: the text to find, or a Java regular expression when regex is true"},
              "regex": {"type": "boolean", "description": "search: pattern is a regular expression (default false: plain text)"}
            }}""");

    private final FileSettings settings;
    private final FileOperations files;
    private final FileListing listing;
    private final FileSearch search;

    public FileTool(FileSettings settings) {
        this.settings = settings;
        this.files = new FileOperations(settings);
        this.listing = new FileListing(settings);
        this.search = new FileSearch(settings);
    }

    @Override
    public String name() {
        return "file";
    }

    @Override
    public String description() {
        return "Reads, writes, lists and searches files in the workspace. Paths are relative to the workspace; "
                + "absolute paths, '..' and symbolic links are refused. A read returns at most "
                + settings.maxReadBytes() + " bytes (read on with offset); a write replaces the whole file, creating "
                + "its directories; search returns file:line: text for each matching line.";
    }

    @Override
    public JsonNode parameters() {
        return SCHEMA.deepCopy();
    }

    @Override
    public ToolResult run(JsonNode arguments, ToolContext context) {
        try {
            Arguments args = Arguments.of(arguments, Set.of("operation", "path", "content", "offset", "recursive",
                    "pattern", "regex"));
            String operation = args.requiredString("operation");
            List<String> takes = ARGUMENTS.get(operation);
            if (takes == null) {
                throw new ToolArgumentException("argument 'operation' must be one of read, write, list, search; not '"
                        + operation + "'");
            }
            for (String name : List.of("path", "content", "offset", "recursive", "pattern", "regex")) {
                if (!takes.contains(name)) {
                    args.refuse(name, "is not used by operation '" + operation + "' (it takes: " + String.join(", ", takes) + ")");
                }
            }
            WorkspacePaths paths = new WorkspacePaths(context.workspace());
            return switch (operation) {
                case "read" -> files.read(paths, args.requiredString("path"),
                        args.optionalInteger("offset", 0, Integer.MAX_VALUE).orElse(0));
                case "write" -> files.write(paths, args.requiredString("path"), args.requiredString("content"));
                case "list" -> listing.list(paths, args.optionalString("path").orElse("."), args.bool("recursive", false));
                default -> search.search(paths, args.optionalString("path").orElse("."), args.requiredString("pattern"),
                        args.bool("regex", false), timeout(context));
            };
        } catch (ToolArgumentException e) {
            return ToolResult.error(e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            return ToolResult.error("the file operation failed: " + e.getMessage());
        }
    }

    private static Duration timeout(ToolContext context) {
        return context.timeout() == null ? DEFAULT_SEARCH_TIMEOUT : context.timeout();
    }
}
