package dev.agentplane.teams.tools.terminal;

import java.util.List;

/**
 * One command of a command line as the guard sees it: its source text, its words (quotes removed, leading
 * {@code NAME=value} assignments kept), the targets it writes through redirections ({@code > file}), and the
 * commands run inside it by {@code $(…)}, backticks or {@code <(…)}.
 */
record SimpleCommand(String source, List<Word> words, List<String> writeTargets, List<Pipeline> substitutions) {
    SimpleCommand {
        words = List.copyOf(words);
        writeTargets = List.copyOf(writeTargets);
        substitutions = List.copyOf(substitutions);
    }
}
