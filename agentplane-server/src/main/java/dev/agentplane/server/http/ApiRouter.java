package dev.agentplane.server.http;

import dev.agentplane.common.problems.FieldError;
import dev.agentplane.common.problems.InvalidInputException;
import dev.agentplane.common.problems.ProblemException;
import dev.agentplane.tenancy.Actor;
import dev.agentplane.tenancy.Role;
import dev.agentplane.usage.UsageMeter;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.websocket.WsConfig;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Registers routes only if openapi.yaml documents them, and guards each one: for /v1 routes and /mcp authentication, the
 * key's rate limit, metering of the call and the access policy; then a 400 for any query parameter the operation
 * does not declare.
 */
public final class ApiRouter {
    private final Javalin app;
    private final OpenApiContract contract;
    private final Authentication authentication;
    private final RateLimiter rateLimiter;
    private final UsageMeter usage;
    private final List<String> registered = new ArrayList<>();

    public ApiRouter(Javalin app, OpenApiContract contract, Authentication authentication, RateLimiter rateLimiter,
                     UsageMeter usage) {
        this.usage = usage;
        this.app = app;
        this.contract = contract;
        this.authentication = authentication;
        this.rateLimiter = rateLimiter;
    }

    public ApiRouter get(String path, Handler handler) { return add(HandlerType.GET, path, handler); }
    public ApiRouter post(String path, Handler handler) { return add(HandlerType.POST, path, handler); }
    public ApiRouter put(String path, Handler handler) { return add(HandlerType.PUT, path, handler); }
    public ApiRouter patch(String path, Handler handler) { return add(HandlerType.PATCH, path, handler); }
    public ApiRouter delete(String path, Handler handler) { return add(HandlerType.DELETE, path, handler); }

    /**
     * A WebSocket on {@code path}, documented in openapi.yaml as a GET whose success is {@code 101}. A handshake
     * passes the guards of every route (authentication, also by a {@code bearer.<key>} subprotocol; rate limit;
     * metering; access policy; declared query parameters), then {@code beforeUpgrade}; a failure answers the
     * handshake with its problem instead of upgrading. A plain GET of the path gets {@code 426}.
     */
    public ApiRouter webSocket(String path, Handler beforeUpgrade, Consumer<WsConfig> socket) {
        Handler guarded = guarded(path, contract.operation("GET", path), ctx -> {
            WebSocketHandshake.chooseProtocol(ctx);
            beforeUpgrade.handle(ctx);
        });
        app.addHttpHandler(HandlerType.WEBSOCKET_BEFORE_UPGRADE, path, ctx -> {
            RequestContext.assignRequestId(ctx);
            try {
                guarded.handle(ctx);
            } catch (ProblemException e) {
                refuseUpgrade(ctx, e);
                throw e; // Javalin then skips the upgrade
            }
        });
        app.ws(path, socket);
        return add(HandlerType.GET, path, ctx -> {
            ctx.header("Upgrade", "websocket");
            throw new ProblemException(426, "upgrade-required", "Upgrade required", "this endpoint is a WebSocket: "
                    + "connect with a WebSocket client (ws:// or wss://), which sends the Upgrade handshake");
        });
    }

    /** Javalin answers a refused upgrade with the status and headers only; the problem's body is written here. */
    private static void refuseUpgrade(Context ctx, ProblemException problem) throws IOException {
        Problems.write(ctx, problem);
        HttpServletResponse response = ctx.res();
        response.setStatus(problem.status());
        response.setContentType(Problems.CONTENT_TYPE);
        response.getOutputStream().write(ctx.result().getBytes(StandardCharsets.UTF_8));
        response.flushBuffer();
    }

    private ApiRouter add(HandlerType method, String path, Handler handler) {
        OpenApiContract.Operation operation = contract.operation(method.name(), path);
        registered.add(method.name() + " " + path);
        app.addHttpHandler(method, path, guarded(path, operation, handler));
        return this;
    }

    private Handler guarded(String path, OpenApiContract.Operation operation, Handler handler) {
        boolean authenticated = needsKey(path);
        Set<Role> allowed = authenticated ? AccessPolicy.rolesFor(operation.operationId()) : Set.of();
        return ctx -> {
            if (authenticated) {
                authenticate(ctx);
                Actor actor = RequestContext.actor(ctx);
                rateLimiter.consume(ctx, actor);
                usage.countApiCall(actor.orgId());
                AccessPolicy.check(actor, operation.operationId(), allowed);
            }
            Queries.rejectMalformedEncoding(ctx);
            rejectUndeclaredQueryParameters(ctx, operation.queryParameters());
            handler.handle(ctx);
        };
    }

    /** The API under /v1, and the MCP endpoint over the same keys; health, docs and schemas are public. */
    static boolean needsKey(String path) {
        return path.startsWith("/v1/") || path.equals("/mcp");
    }

    private void authenticate(Context ctx) {
        rateLimiter.rejectIfGuessing(ctx);
        try {
            authentication.authenticate(ctx);
        } catch (ProblemException e) {
            // A wrong key or a bad signature counts against the client address; a signed request whose body is
            // too large or cut short (413, 400) is not a guess.
            if (e.status() == 401) {
                rateLimiter.recordFailedAuthentication(ctx);
            }
            throw e;
        }
    }

    /** "METHOD /path" of every route registered so far. */
    public List<String> registered() {
        return List.copyOf(registered);
    }

    private static void rejectUndeclaredQueryParameters(Context ctx, Set<String> declared) {
        List<FieldError> errors = new ArrayList<>();
        for (String name : ctx.queryParamMap().keySet()) {
            if (!declared.contains(name)) {
                errors.add(FieldError.parameter(name, "is not a parameter of this operation",
                        declared.isEmpty() ? "remove it: this operation takes no query parameters"
                                : "remove it; this operation accepts " + declared.stream().sorted().toList()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }
}
