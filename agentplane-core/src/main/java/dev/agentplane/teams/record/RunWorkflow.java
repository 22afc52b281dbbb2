package dev.agentplane.teams.record;

/** The workflow a team's runs are executions of: one step that waits while the runner (the CLI) works. */
public final class RunWorkflow {
    static final String WAITING_STEP = "run";

    private RunWorkflow() {}

    public static String name(String team) {
        return RunRecords.WORKFLOW_PREFIX + team;
    }

    public static String definition(String team) {
        return """
                name: %s
                description: >-
                  Runs of the team %s by agentplane run. The runner records each model answer and tool call as an event
                  (type team.*) and completes or fails the execution at the end; the step only waits meanwhile.
                inputs:
                  task: {type: string, required: true, description: what the team was asked}
                steps:
                  - id: %s
                    type: wait_until
                    description: Stands for the run itself, carried out by the runner outside the engine.
                    until: "9999-12-31T23:59:59Z"
                """.formatted(name(team), team, WAITING_STEP);
    }
}
