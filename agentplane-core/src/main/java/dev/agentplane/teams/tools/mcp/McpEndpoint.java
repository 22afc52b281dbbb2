package dev.agentplane.teams.tools.mcp;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach an MCP server: a process spoken to over its stdin/stdout, or a streamable HTTP endpoint. Values
 * of {@code env} and {@code headers} may hold secrets (tokens from {@code ${VAR}}), so {@code toString} shows
 * only their names.
 */
public sealed interface McpEndpoint {

    /** A server started as {@code command args…} in {@code cwd} (null: the current directory). */
    record Stdio(String command, List<String> args, Map<String, String> env, Path cwd) implements McpEndpoint {
        public Stdio {
            Objects.requireNonNull(command, "command");
            args = List.copyOf(args);
            env = Map.copyOf(env);
        }

        @Override
        public String toString() {
            return "Stdio[command=" + command + ", args=" + args + ", env=" + env.keySet() + ", cwd=" + cwd + "]";
        }
    }

    /** A server at {@code url}, every request carrying {@code headers}. */
    record StreamableHttp(URI url, Map<String, String> headers) implements McpEndpoint {
        public StreamableHttp {
            Objects.requireNonNull(url, "url");
            headers = Map.copyOf(headers);
        }

        @Override
        public String toString() {
            return "StreamableHttp[url=" + url + ", headers=" + headers.keySet() + "]";
        }
    }
}
