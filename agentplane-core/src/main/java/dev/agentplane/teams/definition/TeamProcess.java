package dev.agentplane.teams.definition;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How a team's members share a task. */
public enum TeamProcess {
    /** A model picks the first agent; agents hand the work over to each other until one answers. */
    ROUTER,
    /** The agents work one after the other in the order listed, each reading the previous one's result. */
    SEQUENTIAL,
    /** The agents work at the same time; the merge agent combines their results. */
    PARALLEL,
    /** The manager splits the task, delegates subtasks to the other agents and reviews what they return. */
    HIERARCHICAL;

    public static final TeamProcess DEFAULT = ROUTER;

    /** The names written in a team file, in declaration order. */
    public static final List<String> NAMES = Arrays.stream(values()).map(TeamProcess::wireName).toList();

    /** The name written in a team file, e.g. {@code parallel}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TeamProcess> of(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName().equals(name)).findFirst();
    }
}
