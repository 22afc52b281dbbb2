package dev.agentplane.expressions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.audit.Redactor;
import dev.agentplane.common.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders one template: walks objects and arrays (keys stay as written), evaluates each {@code ${{ … }}} and
 * builds the stored, redacted twin of the result in the same pass. One instance per render call.
 */
final class Renderer {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonNode REDACTED = NODES.textNode(Redactor.REDACTED);

    private final Expressions expressions;
    private final ExpressionContext context;
    private final OutputBudget budget = new OutputBudget(Expressions.MAX_RESULT_CHARS);

    Renderer(Expressions expressions, ExpressionContext context) {
        this.expressions = expressions;
        this.context = context;
    }

    /** A rendered node and its redacted twin: the very same node when no secret went into it. */
    private record Out(JsonNode value, JsonNode redacted) {
        static Out plain(JsonNode value) {
            return new Out(value, value);
        }

        boolean secret() {
            return value != redacted;
        }
    }

    Rendered render(JsonNode template) {
        if (template == null) {
            return new Rendered(NODES.nullNode(), NODES.nullNode(), false);
        }
        Out out = walk(template, "");
        return new Rendered(out.value(), out.redacted(), out.secret());
    }

    private Out walk(JsonNode node, String pointer) {
        if (node.isTextual()) {
            return TemplateString.hasExpressions(node.textValue()) ? string(node.textValue(), pointer)
                    : Out.plain(node);
        }
        if (node instanceof ObjectNode object) {
            return object(object, pointer);
        }
        if (node instanceof ArrayNode array) {
            return array(array, pointer);
        }
        return Out.plain(node);
    }

    private Out object(ObjectNode object, String pointer) {
        ObjectNode value = NODES.objectNode();
        List<Map.Entry<String, Out>> fields = new ArrayList<>(object.size());
        boolean secret = false;
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            Out out = walk(field.getValue(), pointer + "/" + Expressions.escape(field.getKey()));
            value.set(field.getKey(), out.value());
            fields.add(Map.entry(field.getKey(), out));
            secret |= out.secret();
        }
        if (!secret) {
            return Out.plain(value);
        }
        ObjectNode redacted = NODES.objectNode();
        fields.forEach(field -> redacted.set(field.getKey(), field.getValue().redacted()));
        return new Out(value, redacted);
    }

    private Out array(ArrayNode array, String pointer) {
        ArrayNode value = NODES.arrayNode(array.size());
        List<Out> elements = new ArrayList<>(array.size());
        boolean secret = false;
        for (int i = 0; i < array.size(); i++) {
            Out out = walk(array.get(i), pointer + "/" + i);
            value.add(out.value());
            elements.add(out);
            secret |= out.secret();
        }
        if (!secret) {
            return Out.plain(value);
        }
        ArrayNode redacted = NODES.arrayNode(array.size());
        elements.forEach(element -> redacted.add(element.redacted()));
        return new Out(value, redacted);
    }

    private Out string(String text, String pointer) {
        TemplateString template;
        try {
            template = TemplateString.parse(text);
        } catch (ExpressionFailure e) {
            throw expressions.failure(pointer, text, 0, e, context);
        }
        var single = template.single();
        if (single.isPresent()) {
            TemplateString.Embedded embedded = single.get();
            JsonNode value = evaluate(embedded, pointer);
            return new Out(value, usesSecrets(embedded) ? REDACTED : value);
        }
        StringBuilder value = new StringBuilder();
        StringBuilder redacted = new StringBuilder();
        boolean secret = false;
        for (TemplateString.Part part : template.parts()) {
            switch (part) {
                case TemplateString.Literal literal -> {
                    value.append(literal.text());
                    redacted.append(literal.text());
                }
                case TemplateString.Embedded embedded -> {
                    String piece = text(evaluate(embedded, pointer));
                    value.append(piece);
                    boolean usesSecrets = usesSecrets(embedded);
                    redacted.append(usesSecrets ? Redactor.REDACTED : piece);
                    secret |= usesSecrets;
                }
            }
            if (value.length() > Expressions.MAX_STRING_CHARS) {
                throw expressions.failure(pointer, text, 0, new ExpressionFailure("renders to more than "
                        + Expressions.MAX_STRING_CHARS + " characters", "interpolate less, or pass the value "
                        + "typed: a string that is exactly one ${{ … }} keeps lists and maps as they are"), context);
            }
        }
        JsonNode rendered = NODES.textNode(value.toString());
        return secret ? new Out(rendered, NODES.textNode(redacted.toString())) : Out.plain(rendered);
    }

    private JsonNode evaluate(TemplateString.Embedded embedded, String pointer) {
        return expressions.evaluate(embedded.expression(), embedded.offset(), pointer, context, budget);
    }

    private boolean usesSecrets(TemplateString.Embedded embedded) {
        return expressions.compiled(embedded.expression()) instanceof Compilation.Compiled compiled
                && compiled.usesSecrets();
    }

    /** How a value reads inside text: strings as they are, null as nothing, anything else as compact JSON. */
    static String text(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        return value.isNull() ? "" : Json.write(value);
    }
}
