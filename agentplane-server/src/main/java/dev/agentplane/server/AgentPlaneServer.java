package dev.agentplane.server;

import dev.agentplane.AgentPlane;
import dev.agentplane.common.Json;
import dev.agentplane.events.EventFeed;
import dev.agentplane.server.agents.AgentRoutes;
import dev.agentplane.server.audit.AuditRoutes;
import dev.agentplane.server.config.ServerConfig;
import dev.agentplane.interpret.LlmModelExtractor;
import dev.agentplane.interpret.ModelExtractor;
import dev.agentplane.llm.Models;
import dev.agentplane.teams.run.EngineTeamSteps;
import dev.agentplane.server.docs.DocsRoutes;
import dev.agentplane.server.docs.SchemaRoutes;
import dev.agentplane.server.escalations.EscalationRoutes;
import dev.agentplane.server.interpret.InterpretRoutes;
import dev.agentplane.server.events.EventRoutes;
import dev.agentplane.server.executions.ExecutionRoutes;
import dev.agentplane.server.handoffs.HandoffRoutes;
import dev.agentplane.server.health.HealthRoutes;
import dev.agentplane.server.http.AccessLog;
import dev.agentplane.server.http.ApiRouter;
import dev.agentplane.server.http.Authentication;
import dev.agentplane.server.http.Cors;
import dev.agentplane.server.http.JettyProblems;
import dev.agentplane.server.http.Limits;
import dev.agentplane.server.http.OpenApiContract;
import dev.agentplane.server.http.Problems;
import dev.agentplane.server.http.RateLimiter;
import dev.agentplane.server.http.RequestContext;
import dev.agentplane.server.keys.KeyRoutes;
import dev.agentplane.server.mcp.McpEndpoint;
import dev.agentplane.server.orgs.OrgRoutes;
import dev.agentplane.server.schedules.ScheduleRoutes;
import dev.agentplane.server.state.StateRoutes;
import dev.agentplane.server.secrets.SecretRoutes;
import dev.agentplane.server.tasks.TaskRoutes;
import dev.agentplane.server.templates.TemplateRoutes;
import dev.agentplane.server.usage.UsageRoutes;
import dev.agentplane.server.workflows.WorkflowRoutes;
import dev.agentplane.common.BackgroundTask;
import dev.agentplane.secrets.SecretBox;
import dev.agentplane.store.Database;
import dev.agentplane.state.StatePurger;
import dev.agentplane.tenancy.UsedSignatures;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One AgentPlane server process: the database, the services over it, and the HTTP API in front. */
public final class AgentPlaneServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentPlaneServer.class);
    /** How often streams look for events committed by other server processes (this one's arrive at once). */
    private static final Duration EVENT_POLL_INTERVAL = Duration.ofMillis(250);
    /** What the server calls itself to MCP clients. */
    private static final String VERSION = "0.1.0";

    private final Javalin app;
    private final AgentPlane plane;
    private final String bootstrapKey;
    private final List<String> routes;
    private final List<BackgroundTask> tasks;
    private final EventFeed feed;
    private final McpEndpoint mcp;

    private AgentPlaneServer(Javalin app, AgentPlane plane, String bootstrapKey, List<String> routes,
                             List<BackgroundTask> tasks, EventFeed feed, McpEndpoint mcp) {
        this.feed = feed;
        this.mcp = mcp;
        this.app = app;
        this.plane = plane;
        this.bootstrapKey = bootstrapKey;
        this.routes = routes;
        this.tasks = tasks;
    }

    /** Opens (and migrates) the database, creates the first org and key if needed, and starts serving. */
    public static AgentPlaneServer start(ServerConfig config, Clock clock) {
        requireFreePort(config.port());
        DataDirectory dataDirectory = DataDirectory.prepare(config.dataDir());
        Database database = Database.open(config.database());
        EventFeed feed = null;
        try {
            Models models = Models.create(config.llm());
            AgentPlane plane = AgentPlane.create(database, clock, secretBox(config, dataDirectory, database), config.engine(),
                    models(config, models));
            plane.engine().connectTeams(new EngineTeamSteps(plane, config.teamsDir(), models,
                    config.dataDir().resolve("workspaces")));
            AtomicReference<String> created = new AtomicReference<>();
            plane.keys().bootstrap(config.bootstrapAdminKey(), key -> {
                if (config.bootstrapAdminKey() == null) {
                    dataDirectory.writeAdminKey(key);
                }
                created.set(key);
            });
            String bootstrapKey = created.get();
            Javalin app = Javalin.create(javalin -> configure(javalin, config));
            feed = EventFeed.start(database, EVENT_POLL_INTERVAL);
            ApiRouter router = registerRoutes(app, plane, feed, new Cors(config.cors()),
                    new RateLimiter(config.rateLimits(), plane.limits(), clock));
            McpEndpoint mcp = McpEndpoint.register(router, plane, VERSION);
            List<String> routes = router.registered();
            app.start(config.port());
            LOG.info("AgentPlane listening on port {} with {}", app.port(), database.dialect().name());
            plane.engine().start();
            plane.scheduler().start();
            return new AgentPlaneServer(app, plane, bootstrapKey, routes, startBackgroundTasks(plane), feed, mcp);
        } catch (RuntimeException e) {
            if (feed != null) {
                feed.close();
            }
            database.close();
            throw e;
        }
    }

    private static List<BackgroundTask> startBackgroundTasks(AgentPlane plane) {
        StatePurger purger = new StatePurger(plane.database(), plane.clock());
        return List.of(
                BackgroundTask.every(Duration.ofSeconds(30), "state-purger", purger::purgeExpired),
                // Audit rows are linked into their org's hash chain after commit, in batches (see AuditLog).
                BackgroundTask.everyAndAtClose(Duration.ofMillis(250), "audit-chainer", plane.audit()::chainPending),
                BackgroundTask.everyAndAtClose(Duration.ofSeconds(1), "usage-flusher", plane.usage()::flush));
    }

    /** The models interpret may ask; none configured is a normal start (interpret then answers with heuristics). */
    private static ModelExtractor models(ServerConfig config, Models models) {
        if (config.llm().providers().isEmpty()) {
            return ModelExtractor.NONE;
        }
        LOG.info("language models: {}", String.join(", ", config.llm().configuredModels()));
        config.llm().providers().stream().filter(provider -> !provider.usable()).forEach(provider -> LOG.warn(
                "models.{}: {} is not set, so its models cannot be called until it is set and the server restarted",
                provider.name(), provider.apiKeyVariable()));
        return new LlmModelExtractor(models);
    }

    private static SecretBox secretBox(ServerConfig config, DataDirectory dataDirectory, Database database) {
        if (config.secretsKey() != null) {
            return SecretBox.ofBase64(config.secretsKey());
        }
        if (!database.dialect().singleWriter()) {
            LOG.warn("no secrets_key (AGENTPLANE_SECRETS_KEY) is set: org secrets are encrypted with a key kept in {}; "
                    + "every server sharing this database must use the same key, so set secrets_key on all of them",
                    config.dataDir().resolve(DataDirectory.SECRETS_KEY_FILE));
        }
        return SecretBox.ofBase64(dataDirectory.secretsKey());
    }

    /** Fails before touching the database, with a message that says what to do, when the port is taken. */
    private static void requireFreePort(int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " is already in use: stop the process using it, or choose "
                    + "another port with --port or AGENTPLANE_PORT");
        }
    }

    private static void configure(JavalinConfig javalin, ServerConfig config) {
        javalin.useVirtualThreads = true;
        javalin.showJavalinBanner = false;
        javalin.startupWatcherEnabled = false;
        javalin.http.maxRequestSize = Limits.MAX_BODY_BYTES;
        // Javalin copies each response through a buffer of this size; Jetty's 32 KiB default was a third of
        // all allocation, for responses that are mostly under 2 KiB.
        javalin.http.responseBufferSize = 8192;
        javalin.http.prefer405over404 = true;
        javalin.jsonMapper(new JavalinJackson(Json.MAPPER, true));
        javalin.staticFiles.enableWebjars();
        javalin.requestLogger.http(AccessLog::log);
        javalin.jetty.modifyServer(server -> {
            // In-flight requests finish before the server stops (graceful SIGTERM).
            server.setStopTimeout(config.shutdownGraceMillis());
            server.setHandler(new StatisticsHandler());
            server.setErrorHandler(new JettyProblems());
        });
        javalin.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JettyProblems()));
    }

    private static ApiRouter registerRoutes(Javalin app, AgentPlane plane, EventFeed feed, Cors cors,
                                               RateLimiter rateLimiter) {
        app.before(RequestContext::assignRequestId);
        app.before(cors::apply);
        Problems.register(app);

        OpenApiContract contract = OpenApiContract.load();
        Authentication authentication = new Authentication(plane.keys(),
                new UsedSignatures(plane.database(), plane.clock()), plane.clock());
        ApiRouter router = new ApiRouter(app, contract, authentication, rateLimiter, plane.usage());
        HealthRoutes.register(router, plane.database());
        DocsRoutes.register(app, contract);
        SchemaRoutes.register(router);
        KeyRoutes.register(router, plane.keys());
        OrgRoutes.register(router, plane.orgs());
        AgentRoutes.register(router, plane.agents());
        AuditRoutes.register(router, plane.audit());
        StateRoutes.register(router, plane.state());
        WorkflowRoutes.register(router, plane.workflows());
        TemplateRoutes.register(router, plane.workflows());
        ExecutionRoutes.register(router, plane.executions());
        EventRoutes.register(router, plane.events(), plane.observe(), plane.executions(), feed);
        HandoffRoutes.register(router, plane.handoffs());
        EscalationRoutes.register(router, plane.escalations());
        InterpretRoutes.register(router, plane.interpret());
        TaskRoutes.register(router, plane.tasks());
        SecretRoutes.register(router, plane.secrets());
        UsageRoutes.register(router, plane.usage(), plane.limits());
        ScheduleRoutes.register(router, plane.schedules());
        return router;
    }

    public int port() {
        return app.port();
    }

    /** "METHOD /path" of every API route, each documented in openapi.yaml. */
    public List<String> routes() {
        return routes;
    }

    public AgentPlane plane() {
        return plane;
    }

    /** What wakes this server's event streams; one subscription per open stream. */
    public EventFeed eventFeed() {
        return feed;
    }

    /** The admin key this start created, or null when the database already had one. */
    public String bootstrapKey() {
        return bootstrapKey;
    }

    /** Ends event streams, stops accepting requests, lets in-flight ones finish, then closes the database. */
    @Override
    public void close() {
        feed.close(); // open streams end (clients resume elsewhere), so they do not hold up the graceful stop
        mcp.close(); // and so do MCP sessions and their streams
        app.stop();
        plane.scheduler().close();
        plane.engine().close();
        tasks.forEach(BackgroundTask::close);
        plane.database().close();
    }
}
