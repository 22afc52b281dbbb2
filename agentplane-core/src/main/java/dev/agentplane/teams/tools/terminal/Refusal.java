package dev.agentplane.teams.tools.terminal;

/** Why a command line was not run: the rule that refused it, what the rule protects, and the sub-command it hit. */
record Refusal(String rule, String reason, String subCommand) {
    String explain() {
        return "command refused by rule '" + rule + "' and not run: " + reason + " (in: " + subCommand + ")";
    }
}
