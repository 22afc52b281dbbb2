package dev.agentplane.server.mcp;

import dev.agentplane.common.Page;
import dev.agentplane.common.PageRequest;
import dev.agentplane.common.problems.ProblemException;
import dev.agentplane.server.http.AccessPolicy;
import dev.agentplane.tenancy.Actor;
import dev.agentplane.workflows.Workflow;
import dev.agentplane.workflows.WorkflowFilter;
import dev.agentplane.workflows.WorkflowService;
import dev.agentplane.workflows.WorkflowTemplate;
import dev.agentplane.workflows.WorkflowTemplates;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Workflow definitions (the latest active version of each of the caller's organization, as YAML or JSON as it was
 * submitted) and the templates, as MCP resources. Reading one needs the role the matching GET operation needs.
 */
final class McpResources {
    static final String WORKFLOWS = "agentplane://workflows/";
    static final String TEMPLATES = "agentplane://templates/";
    private static final int TEMPLATE_PAGE = PageRequest.MAX_LIMIT;

    private final WorkflowService workflows;
    private final WorkflowTemplates templates;

    McpResources(WorkflowService workflows, WorkflowTemplates templates) {
        this.workflows = workflows;
        this.templates = templates;
    }

    static String workflowUri(String name) {
        return WORKFLOWS + URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    static String templateUri(String name) {
        return TEMPLATES + URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    /** The templates, then the organization's workflows a page at a time (the cursor pages through workflows). */
    McpSchema.ListResourcesResult list(Actor actor, String cursor) {
        List<McpSchema.Resource> resources = new ArrayList<>();
        if (cursor == null) {
            AccessPolicy.check(actor, "listTemplates", AccessPolicy.rolesFor("listTemplates"));
            for (WorkflowTemplate.Summary template : templates.list(PageRequest.first(TEMPLATE_PAGE)).items()) {
                resources.add(McpSchema.Resource.builder().uri(templateUri(template.name())).name("template " + template.name())
                        .description(template.description()).mimeType("application/yaml").build());
            }
        }
        AccessPolicy.check(actor, "listWorkflows", AccessPolicy.rolesFor("listWorkflows"));
        Page<Workflow> page = workflows.list(actor, new WorkflowFilter(null, true),
                new PageRequest(PageRequest.MAX_LIMIT, dev.agentplane.common.Cursor.decode(cursor)));
        for (Workflow workflow : page.items()) {
            resources.add(McpSchema.Resource.builder().uri(workflowUri(workflow.name())).name("workflow " + workflow.name())
                    .description(describe(workflow)).mimeType(mimeType(workflow.source())).build());
        }
        return new McpSchema.ListResourcesResult(resources, page.nextCursor());
    }

    List<McpSchema.ResourceTemplate> templates() {
        return List.of(
                McpSchema.ResourceTemplate.builder(WORKFLOWS + "{name}", "workflow")
                        .description("The latest active version of a workflow's definition").build(),
                McpSchema.ResourceTemplate.builder(TEMPLATES + "{name}", "template")
                        .description("A ready-made workflow template").mimeType("application/yaml").build());
    }

    McpSchema.ReadResourceResult read(Actor actor, String uri) {
        try {
            if (uri.startsWith(WORKFLOWS)) {
                AccessPolicy.check(actor, "getWorkflow", AccessPolicy.rolesFor("getWorkflow"));
                Workflow workflow = workflows.get(actor, name(uri, WORKFLOWS));
                return contents(uri, mimeType(workflow.source()), workflow.source());
            }
            if (uri.startsWith(TEMPLATES)) {
                AccessPolicy.check(actor, "getTemplate", AccessPolicy.rolesFor("getTemplate"));
                WorkflowTemplate template = templates.get(name(uri, TEMPLATES));
                return contents(uri, "application/yaml", template.source());
            }
        } catch (ProblemException problem) {
            int code = problem.status() == 404 ? McpSchema.ErrorCodes.RESOURCE_NOT_FOUND : McpSchema.ErrorCodes.INVALID_PARAMS;
            throw McpError.builder(code).message(problem.title() + ": " + problem.detail()).data(uri).build();
        }
        throw McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND).message("Resource not found: " + uri
                + "; AgentPlane's resources are " + WORKFLOWS + "{name} and " + TEMPLATES + "{name} (resources/list shows "
                + "them)").data(uri).build();
    }

    private static String name(String uri, String prefix) {
        return URLDecoder.decode(uri.substring(prefix.length()), StandardCharsets.UTF_8);
    }

    private static McpSchema.ReadResourceResult contents(String uri, String mimeType, String text) {
        return new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(uri, mimeType, text)));
    }

    private static String describe(Workflow workflow) {
        String version = "version " + workflow.version();
        return workflow.description() == null || workflow.description().isBlank() ? version
                : workflow.description() + " (" + version + ")";
    }

    /** Definitions are kept as submitted: JSON ones start with '{'. */
    private static String mimeType(String source) {
        return source != null && source.stripLeading().startsWith("{") ? "application/json" : "application/yaml";
    }
}
