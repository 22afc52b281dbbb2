package dev.agentplane.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.client.model.Rollout;
import dev.agentplane.client.model.RolloutShare;
import dev.agentplane.client.model.Workflow;
import java.util.List;
import java.util.Map;

/** Versioned workflow definitions and their rollouts: {@code client.workflows()}. */
public final class Workflows {
    private final Transport transport;

    Workflows(Transport transport) {
        this.transport = transport;
    }

    /** Creates the next version of the workflow named in the definition, from its YAML (or JSON) text. */
    @Operation("createWorkflow")
    public Workflow create(String yamlOrJson) {
        String text = yamlOrJson.strip();
        String type = text.startsWith("{") ? "application/json" : "application/yaml";
        return transport.send(Call.post("/v1/workflows").text(yamlOrJson, type), Workflow.class);
    }

    /** Creates the next version from a definition as JSON (a JsonNode, a Map...). */
    @Operation("createWorkflow")
    public Workflow create(Object definition) {
        return transport.send(Call.post("/v1/workflows").json(definition), Workflow.class);
    }

    /** The latest version of every workflow. */
    public Paged<Workflow> list() {
        return list(Query.NONE);
    }

    /** Filters: {@code name_prefix}, {@code active}; and {@code limit}, {@code cursor}. */
    @Operation("listWorkflows")
    public Paged<Workflow> list(Query query) {
        return transport.paged(Call.get("/v1/workflows").query(query), Workflow.class);
    }

    /** The latest version. */
    @Operation("getWorkflow")
    public Workflow get(String name) {
        return transport.send(Call.get(Call.path("v1", "workflows", name)), Workflow.class);
    }

    @Operation("listWorkflowVersions")
    public Paged<Workflow> versions(String name) {
        return transport.paged(Call.get(Call.path("v1", "workflows", name, "versions")), Workflow.class);
    }

    @Operation("getWorkflowVersion")
    public Workflow version(String name, int version) {
        return transport.send(Call.get(Call.path("v1", "workflows", name, "versions", String.valueOf(version))), Workflow.class);
    }

    /** No new executions start on this version (running ones go on). */
    @Operation("deactivateWorkflowVersion")
    public Workflow deactivate(String name, int version) {
        return transport.send(Call.post(Call.path("v1", "workflows", name, "versions", String.valueOf(version), "deactivate")),
                Workflow.class);
    }

    @Operation("getWorkflowRollout")
    public Rollout rollout(String name) {
        return transport.send(Call.get(Call.path("v1", "workflows", name, "rollout")), Rollout.class);
    }

    /** Splits new executions between versions by weight. */
    @Operation("setWorkflowRollout")
    public Rollout setRollout(String name, List<RolloutShare> versions) {
        return transport.send(Call.put(Call.path("v1", "workflows", name, "rollout")).json(Map.of("versions", versions)),
                Rollout.class);
    }

    @Operation("deleteWorkflowRollout")
    public void deleteRollout(String name) {
        transport.sendIgnoringBody(Call.delete(Call.path("v1", "workflows", name, "rollout")));
    }

    /** Execution statistics per version ({@code items} of {@code version} and {@code stats}); filters {@code from}, {@code to}. */
    @Operation("compareWorkflowVersions")
    public JsonNode compare(String name, Query query) {
        return transport.sendForTree(Call.get(Call.path("v1", "workflows", name, "compare")).query(query));
    }
}
