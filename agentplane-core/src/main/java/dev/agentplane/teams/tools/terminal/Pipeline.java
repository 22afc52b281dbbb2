package dev.agentplane.teams.tools.terminal;

import java.util.List;

/** Commands joined by {@code |}: each stage reads what the one before it printed. One command is a pipeline too. */
record Pipeline(List<SimpleCommand> stages) {
    Pipeline {
        stages = List.copyOf(stages);
    }
}
