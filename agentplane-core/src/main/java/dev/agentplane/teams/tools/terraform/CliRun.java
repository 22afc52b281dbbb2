package dev.agentplane.teams.tools.terraform;

/** What one Terraform command came to: its exit code (-1 when it timed out), its output and its errors. */
record CliRun(int exitCode, String stdout, String stderr, boolean timedOut) {
    boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }
}
