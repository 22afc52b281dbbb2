package dev.agentplane.server.mcp;

import dev.agentplane.AgentPlane;
import dev.agentplane.server.http.ApiRouter;
import dev.agentplane.server.http.Bodies;
import dev.agentplane.server.http.Limits;
import dev.agentplane.server.http.RequestContext;
import dev.agentplane.server.templates.TemplateFiles;
import dev.agentplane.workflows.WorkflowTemplates;
import io.javalin.http.Context;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * AgentPlane as an MCP server over streamable HTTP at {@code /mcp} (docs/mcp.md). The SDK's servlet transport does
 * the protocol's HTTP side (POST of JSON-RPC answered as JSON or SSE, {@code Mcp-Session-Id}, the GET stream, DELETE
 * to end a session); it runs inside the documented Javalin routes rather than as a servlet of its own, so a request
 * reaches it only after the guards every route has: the API key (401 problem+json without a valid one), the key's
 * rate limit and metering, the body size limit and the request id.
 */
public final class McpEndpoint implements AutoCloseable {
    public static final String PATH = "/mcp";
    /** A tool call may wait (task_claim up to 30 s, a slow model for interpret); longer than that is a stuck call. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);
    /** A session with no message for one to two of these is forgotten (clients that vanish leave no garbage). */
    private static final Duration IDLE_SESSION_SWEEP = Duration.ofHours(1);

    private final HttpServletStreamableServerTransportProvider transport;

    private McpEndpoint(HttpServletStreamableServerTransportProvider transport) {
        this.transport = transport;
    }

    public static McpEndpoint register(ApiRouter router, AgentPlane plane, String version) {
        WorkflowTemplates templates = new WorkflowTemplates(plane.workflows(), TemplateFiles.load());
        McpTools tools = new McpTools(McpTools.catalogue(), ToolHandlers.of(plane, templates));
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(new JacksonMcpJsonMapper(McpTools.WIRE))
                .mcpEndpoint(PATH)
                .maxRequestSize((int) Limits.MAX_BODY_BYTES)
                .sessionSweepInterval(IDLE_SESSION_SWEEP)
                .contextExtractor(request -> request.getAttribute(McpProtocol.ACTOR) == null ? McpTransportContext.EMPTY
                        : McpTransportContext.create(Map.of(McpProtocol.ACTOR, request.getAttribute(McpProtocol.ACTOR))))
                .build();
        McpProtocol protocol = new McpProtocol(tools, new McpResources(plane.workflows(), templates),
                transport.protocolVersions(), version);
        transport.setSessionFactory(protocol.sessionFactory(REQUEST_TIMEOUT));
        McpEndpoint endpoint = new McpEndpoint(transport);
        router.post(PATH, endpoint::handle).get(PATH, endpoint::handle).delete(PATH, endpoint::handle);
        return endpoint;
    }

    private void handle(Context ctx) throws Exception {
        ctx.req().setAttribute(McpProtocol.ACTOR, RequestContext.actor(ctx));
        ServletRequest request = ctx.req();
        if (ctx.method().name().equals("POST")) {
            // Read and checked as every JSON body is (size limit, one JSON object, no duplicate keys or NUL), so the
            // SDK only ever sees a well-formed object; the signature check may already have read the bytes.
            Bodies.object(ctx, true);
            request = new CachedBodyRequest(ctx.req(), Bodies.text(ctx).getBytes(StandardCharsets.UTF_8));
        }
        SdkErrorCapture response = new SdkErrorCapture(ctx.res());
        transport.service(request, (ServletResponse) response);
        if (response.failed()) {
            throw response.problem(ctx.header("Mcp-Session-Id"));
        }
        if (ctx.req().isAsyncStarted() && ctx.method().name().equals("GET") && !ctx.res().isCommitted()) {
            // The server stream starts with no event; send its headers now so the client knows it is open.
            ctx.res().flushBuffer();
        }
    }

    @Override
    public void close() {
        transport.closeGracefully().block(Duration.ofSeconds(5));
    }
}
