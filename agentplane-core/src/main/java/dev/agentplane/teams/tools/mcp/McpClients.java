package dev.agentplane.teams.tools.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.time.Duration;

/** Builds the SDK's client and transport for one server's settings. */
final class McpClients {
    /** Plain Jackson, not the project's snake_case mapper: the SDK's types carry their own wire names. */
    static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();
    private static final McpJsonMapper JSON = new JacksonMcpJsonMapper(OBJECT_MAPPER);
    private static final McpSchema.Implementation CLIENT_INFO = new McpSchema.Implementation("agentplane", "0.1.0");

    private McpClients() {}

    static McpClientTransport transport(McpEndpoint endpoint, Duration timeout, RecentLines stderr) {
        return switch (endpoint) {
            case McpEndpoint.Stdio stdio -> {
                StdioServerTransport transport = new StdioServerTransport(ServerParameters.builder(stdio.command())
                        .args(stdio.args()).env(stdio.env()).build(), JSON, stdio.cwd());
                transport.setStdErrorHandler(stderr::add);
                yield transport;
            }
            case McpEndpoint.StreamableHttp http -> HttpClientStreamableHttpTransport.builder(origin(http.url()))
                    .endpoint(pathAndQuery(http.url()))
                    .jsonMapper(JSON)
                    .connectTimeout(timeout)
                    .httpRequestCustomizer((request, method, uri, body, context) ->
                            http.headers().forEach(request::setHeader))
                    .build();
        };
    }

    static McpSyncClient client(McpClientTransport transport, Duration timeout) {
        return McpClient.sync(transport)
                .clientInfo(CLIENT_INFO)
                .requestTimeout(timeout)
                .initializationTimeout(timeout)
                .jsonSchemaValidator(new AcceptingSchemaValidator())
                .build();
    }

    private static String origin(URI url) {
        return url.getScheme() + "://" + url.getRawAuthority();
    }

    private static String pathAndQuery(URI url) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }
}
