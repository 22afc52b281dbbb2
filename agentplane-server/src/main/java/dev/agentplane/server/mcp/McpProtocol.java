package dev.agentplane.server.mcp;

import dev.agentplane.common.problems.ProblemException;
import dev.agentplane.tenancy.Actor;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpNotificationHandler;
import io.modelcontextprotocol.server.McpRequestHandler;
import io.modelcontextprotocol.spec.DefaultMcpStreamableServerSessionFactory;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import reactor.core.publisher.Mono;

/**
 * The MCP methods AgentPlane answers, handed to the SDK's streamable session (which does the JSON-RPC framing,
 * sessions, SSE and request ids). AgentPlane supplies its own handlers instead of the SDK's {@code McpServer}
 * because that server keeps one resource list for everyone, while workflows belong to an organization: here
 * resources/list and every call run as the caller's key (the {@link Actor} the HTTP layer authenticated).
 */
final class McpProtocol {
    static final String ACTOR = "agentplane.actor";
    private static final String INSTRUCTIONS = "AgentPlane is the control plane for AI agents: persistent state, "
            + "workflows and their executions, handoffs between agents, escalations to humans, tasks for agents, "
            + "and interpret (messy data into a schema). Tools act with the API key's role and organization.";

    private final McpTools tools;
    private final McpResources resources;
    private final List<String> protocolVersions;
    private final McpSchema.Implementation serverInfo;

    McpProtocol(McpTools tools, McpResources resources, List<String> protocolVersions, String version) {
        this.tools = tools;
        this.resources = resources;
        this.protocolVersions = protocolVersions;
        this.serverInfo = new McpSchema.Implementation("agentplane", version);
    }

    McpStreamableServerSession.Factory sessionFactory(Duration requestTimeout) {
        Map<String, McpRequestHandler<?>> requests = Map.of(
                McpSchema.METHOD_PING, (exchange, params) -> Mono.just(Map.of()),
                McpSchema.METHOD_TOOLS_LIST, (exchange, params) -> Mono.just(new McpSchema.ListToolsResult(tools.list(), null)),
                McpSchema.METHOD_TOOLS_CALL, (exchange, params) -> run(() -> callTool(exchange, params)),
                McpSchema.METHOD_RESOURCES_LIST, (exchange, params) -> run(() -> resources.list(actor(exchange),
                        params == null ? null : McpTools.WIRE.convertValue(params, McpSchema.PaginatedRequest.class).cursor())),
                McpSchema.METHOD_RESOURCES_TEMPLATES_LIST, (exchange, params) ->
                        Mono.just(new McpSchema.ListResourceTemplatesResult(resources.templates(), null)),
                McpSchema.METHOD_RESOURCES_READ, (exchange, params) -> run(() -> resources.read(actor(exchange),
                        convert(params, McpSchema.ReadResourceRequest.class).uri())));
        McpNotificationHandler ignore = (exchange, params) -> Mono.empty();
        Map<String, McpNotificationHandler> notifications = Map.of(
                McpSchema.METHOD_NOTIFICATION_INITIALIZED, ignore,
                "notifications/cancelled", ignore,
                McpSchema.METHOD_NOTIFICATION_ROOTS_LIST_CHANGED, ignore);
        return new DefaultMcpStreamableServerSessionFactory(requestTimeout, this::initialize, requests, notifications);
    }

    /** Answers with the client's protocol version when this server speaks it, else with the newest it speaks. */
    private Mono<McpSchema.InitializeResult> initialize(McpSchema.InitializeRequest request) {
        String version = protocolVersions.contains(request.protocolVersion()) ? request.protocolVersion()
                : protocolVersions.getLast();
        McpSchema.ServerCapabilities capabilities = McpSchema.ServerCapabilities.builder()
                .tools(false).resources(false, false).build();
        return Mono.just(new McpSchema.InitializeResult(version, capabilities, serverInfo, INSTRUCTIONS));
    }

    private McpSchema.CallToolResult callTool(McpAsyncServerExchange exchange, Object params) {
        McpSchema.CallToolRequest request = convert(params, McpSchema.CallToolRequest.class);
        if (request.name() == null || !tools.has(request.name())) {
            throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message("Unknown tool: " + request.name()
                    + "; tools/list shows AgentPlane's tools").build();
        }
        return tools.call(actor(exchange), request.name(), request.arguments());
    }

    /**
     * Runs a handler on the calling thread (a virtual thread of the HTTP server, which blocks on the answer); a
     * problem of AgentPlane's becomes a JSON-RPC error carrying its detail.
     */
    private static <T> Mono<T> run(Callable<T> handler) {
        return Mono.fromCallable(() -> {
            try {
                return handler.call();
            } catch (ProblemException problem) {
                throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                        .message(problem.title() + ": " + problem.detail()).build();
            }
        });
    }

    private static <T> T convert(Object params, Class<T> type) {
        try {
            return McpTools.WIRE.convertValue(params == null ? Map.of() : params, type);
        } catch (IllegalArgumentException e) {
            throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message("Invalid params: " + e.getMessage()).build();
        }
    }

    private static Actor actor(McpAsyncServerExchange exchange) {
        if (exchange.transportContext().get(ACTOR) instanceof Actor actor) {
            return actor;
        }
        throw new IllegalStateException("an MCP request reached a handler without an authenticated key");
    }
}
