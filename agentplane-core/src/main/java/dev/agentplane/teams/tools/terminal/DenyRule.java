package dev.agentplane.teams.tools.terminal;

import java.util.function.BiPredicate;

/** A built-in rule of the deny list: its name, why it refuses and what to do instead, and the test itself. */
record DenyRule(String name, String reason, BiPredicate<SimpleCommand, Invocation> refuses) {
    Refusal refusal(SimpleCommand command) {
        return new Refusal(name, reason, command.source());
    }
}
