package dev.agentplane.server.agents;

import dev.agentplane.agents.Agent;
import dev.agentplane.agents.AgentFields;
import dev.agentplane.agents.AgentFilter;
import dev.agentplane.agents.AgentService;
import dev.agentplane.server.http.ApiRouter;
import dev.agentplane.server.http.Bodies;
import dev.agentplane.server.http.Queries;
import dev.agentplane.server.http.RequestContext;
import dev.agentplane.server.http.Responses;
import io.javalin.http.Context;

public final class AgentRoutes {
    private final AgentService agents;

    private AgentRoutes(AgentService agents) {
        this.agents = agents;
    }

    public static void register(ApiRouter router, AgentService agents) {
        AgentRoutes routes = new AgentRoutes(agents);
        router.post("/v1/agents", routes::register)
                .get("/v1/agents", routes::list)
                .get("/v1/agents/{agent_id}", routes::get)
                .patch("/v1/agents/{agent_id}", routes::update)
                .post("/v1/agents/{agent_id}/heartbeat", routes::heartbeat)
                .post("/v1/agents/{agent_id}/deactivate", routes::deactivate);
    }

    private void register(Context ctx) {
        Agent agent = agents.register(RequestContext.actor(ctx), Bodies.required(ctx, AgentFields.class));
        Responses.created(ctx, "/v1/agents/" + agent.id(), agent);
    }

    private void list(Context ctx) {
        AgentFilter filter = new AgentFilter(Queries.string(ctx, "status"), Queries.string(ctx, "framework"),
                Queries.string(ctx, "capability"));
        Responses.page(ctx, agents.list(RequestContext.actor(ctx), filter, Queries.page(ctx)));
    }

    private void get(Context ctx) {
        ctx.json(agents.get(RequestContext.actor(ctx), Queries.pathId(ctx, "agent_id")));
    }

    private void update(Context ctx) {
        String id = Queries.pathId(ctx, "agent_id");
        ctx.json(agents.update(RequestContext.actor(ctx), id, Bodies.object(ctx, true)));
    }

    private void heartbeat(Context ctx) {
        ctx.json(agents.heartbeat(RequestContext.actor(ctx), Queries.pathId(ctx, "agent_id")));
    }

    private void deactivate(Context ctx) {
        ctx.json(agents.deactivate(RequestContext.actor(ctx), Queries.pathId(ctx, "agent_id")));
    }
}
