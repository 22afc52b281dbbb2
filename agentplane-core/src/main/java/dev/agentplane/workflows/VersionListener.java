package dev.agentplane.workflows;

import dev.agentplane.store.Sql;
import dev.agentplane.tenancy.Actor;
import dev.agentplane.workflows.definition.WorkflowDefinition;

/**
 * Told about each new workflow version in the transaction that stores it, so what follows a definition (the schedule
 * of its {@code schedule:}) changes with it or not at all. A problem it throws refuses the version.
 */
public interface VersionListener {
    VersionListener NONE = (tx, actor, workflow, definition) -> { };

    void versionCreated(Sql tx, Actor actor, Workflow workflow, WorkflowDefinition definition);
}
