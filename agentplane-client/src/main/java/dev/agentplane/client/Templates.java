package dev.agentplane.client;

import dev.agentplane.client.model.Template;
import dev.agentplane.client.model.TemplateSummary;
import dev.agentplane.client.model.Workflow;
import java.util.Map;

/** Workflow templates shipped with the server: {@code client.templates()}. */
public final class Templates {
    private final Transport transport;

    Templates(Transport transport) {
        this.transport = transport;
    }

    @Operation("listTemplates")
    public Paged<TemplateSummary> list() {
        return transport.paged(Call.get("/v1/templates"), TemplateSummary.class);
    }

    @Operation("getTemplate")
    public Template get(String name) {
        return transport.send(Call.get(Call.path("v1", "templates", name)), Template.class);
    }

    /** Creates a workflow from the template, under the template's name. */
    public Workflow instantiate(String name) {
        return instantiate(name, null);
    }

    /** Creates a workflow from the template, named {@code workflowName} (null: the template's name). */
    @Operation("instantiateTemplate")
    public Workflow instantiate(String name, String workflowName) {
        Call call = Call.post(Call.path("v1", "templates", name, "instantiate"))
                .json(workflowName == null ? Map.of() : Map.of("name", workflowName));
        return transport.send(call, Workflow.class);
    }
}
