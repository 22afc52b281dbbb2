package dev.agentplane.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.common.Page;
import dev.agentplane.common.PageRequest;
import dev.agentplane.common.problems.NotFoundException;
import dev.agentplane.tenancy.Actor;
import dev.agentplane.workflows.definition.DefinitionParser;
import dev.agentplane.workflows.definition.Step;
import dev.agentplane.workflows.definition.WorkflowDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The templates an org can copy into its workflows. They are the same for every org and fixed when the server
 * starts (the server reads them from its jar); each one is checked then, so a broken template stops the start.
 */
public final class WorkflowTemplates {
    /** The line that names the workflow; instantiating under another name rewrites just this line. */
    private static final Pattern NAME_LINE = Pattern.compile("(?m)^name:[ \\t]*(\\S+)[ \\t]*$");

    private final WorkflowService workflows;
    private final Map<String, WorkflowTemplate> templates = new TreeMap<>();

    /** {@code sources}: each template's YAML text by template name. */
    public WorkflowTemplates(WorkflowService workflows, Map<String, String> sources) {
        this.workflows = workflows;
        sources.forEach((name, source) -> templates.put(name, parse(name, source)));
    }

    public Page<WorkflowTemplate.Summary> list(PageRequest page) {
        List<WorkflowTemplate.Summary> after = templates.values().stream()
                .filter(t -> page.after() == null || t.name().compareTo(page.after()) > 0)
                .limit(page.fetchSize()).map(WorkflowTemplate::summary).toList();
        return Page.of(after, page.limit(), WorkflowTemplate.Summary::name);
    }

    public WorkflowTemplate get(String name) {
        WorkflowTemplate template = templates.get(name);
        if (template == null) {
            throw NotFoundException.withDetail("there is no template '" + name + "'; the templates are " + templates.keySet()
                    + " (GET /v1/templates)");
        }
        return template;
    }

    /** Creates the template as the next version of a workflow of the caller's org, validated like any definition. */
    public Workflow instantiate(Actor actor, String templateName, InstantiateTemplate request) {
        WorkflowTemplate template = get(templateName);
        request.validate();
        String source = template.source();
        if (request.name() != null) {
            source = NAME_LINE.matcher(source).replaceFirst(Matcher.quoteReplacement("name: " + request.name()));
        }
        return workflows.create(actor, WorkflowFormat.YAML, source);
    }

    private static WorkflowTemplate parse(String name, String source) {
        JsonNode tree;
        try {
            tree = Json.YAML.readTree(source);
        } catch (IOException e) {
            throw new UncheckedIOException("template " + name + " is not valid YAML", e);
        }
        Matcher nameLine = NAME_LINE.matcher(source);
        if (!nameLine.find() || !nameLine.group(1).equals(name) || !name.equals(tree.path("name").asText())) {
            throw new IllegalStateException("template " + name + " must start its definition with the line 'name: " + name + "'");
        }
        List<String> problems = new ArrayList<>();
        WorkflowDefinition definition = DefinitionParser.parse(tree, (pointer, detail, fix) -> problems.add(pointer + " " + detail));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("template " + name + " is not a valid definition: " + problems);
        }
        TreeSet<String> types = new TreeSet<>();
        collectTypes(definition.steps(), types);
        return new WorkflowTemplate(name, tree.path("description").asText(null),
                tree.has("inputs") ? tree.get("inputs") : Json.object(), List.copyOf(types), source, tree);
    }

    private static void collectTypes(List<Step> steps, TreeSet<String> types) {
        for (Step step : steps) {
            types.add(step.type());
            step.body().blocks().values().forEach(block -> collectTypes(block, types));
        }
    }
}
