package dev.agentplane.interpret;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import dev.agentplane.escalations.EscalationService;
import dev.agentplane.escalations.NewEscalation;
import dev.agentplane.store.Database;
import dev.agentplane.tenancy.Actor;
import dev.agentplane.usage.UsageCounts;
import dev.agentplane.usage.UsageMeter;

/** Interpret for an org: the {@link Interpreter}, the model's tokens and cost metered, an escalation on request. */
public final class InterpretService {
    private final Database database;
    private final UsageMeter usage;
    private final EscalationService escalations;
    private final Interpreter interpreter;

    public InterpretService(Database database, UsageMeter usage, EscalationService escalations, Interpreter interpreter) {
        this.database = database;
        this.usage = usage;
        this.escalations = escalations;
        this.interpreter = interpreter;
    }

    public InterpretResult interpret(Actor actor, InterpretRequest request) {
        InterpretResult result = interpreter.interpret(request);
        if (result.tokens().total() > 0 || result.costEstimate() != null && result.costEstimate().signum() > 0) {
            database.inTransaction(tx -> {
                usage.add(tx, actor.orgId(), UsageCounts.llm(result.tokens().input(), result.tokens().output(),
                        result.costEstimate() == null ? 0 : result.costEstimate().doubleValue()));
                return null;
            });
        }
        if (request.escalate() && result.shouldEscalate()) {
            ObjectNode context = Json.MAPPER.createObjectNode();
            context.set("data", abbreviated(request.data()));
            context.set("result", Json.MAPPER.valueToTree(result));
            String id = escalations.create(actor, new NewEscalation("interpret: " + result.escalationReason(), context,
                    null, null, null, actor.agentId())).id();
            return result.withEscalation(id);
        }
        return result;
    }

    private static JsonNode abbreviated(JsonNode data) {
        String text = Json.write(data);
        return text.length() <= 2_000 ? data : Json.MAPPER.getNodeFactory().textNode(text.substring(0, 2_000) + "…");
    }
}
