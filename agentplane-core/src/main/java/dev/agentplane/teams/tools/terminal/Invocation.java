package dev.agentplane.teams.tools.terminal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a simple command runs: the chain of programs as written ({@code nohup env X=1 rm}: {@code nohup},
 * {@code env}, {@code rm}), the program that finally runs ({@code rm}), and its arguments. A command that only
 * assigns variables or is a loop header has no program.
 */
record Invocation(List<Word> chain, List<String> args) {
    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);
    /** Words that open or close a compound command; the program follows them. */
    private static final Set<String> KEYWORDS = Set.of("if", "then", "else", "elif", "fi", "do", "done", "while",
            "until", "!", "{", "}", "esac", "time", "coproc");
    /** Lines that name no program: {@code for x in a b}, {@code case $x in}, {@code function f}. */
    private static final Set<String> HEADERS = Set.of("for", "case", "select", "function");
    /** Programs that run the program named after their options, with how many values their options take. */
    private static final Map<String, Set<String>> WRAPPERS = Map.ofEntries(
            Map.entry("env", Set.of("-u", "--unset", "-C", "--chdir")),
            Map.entry("command", Set.of()), Map.entry("builtin", Set.of()), Map.entry("exec", Set.of("-a")),
            Map.entry("nohup", Set.of()), Map.entry("setsid", Set.of()), Map.entry("nice", Set.of("-n", "--adjustment")),
            Map.entry("ionice", Set.of("-c", "-n", "-p", "--class", "--classdata")), Map.entry("stdbuf", Set.of()),
            Map.entry("timeout", Set.of("-s", "--signal", "-k", "--kill-after")), Map.entry("time", Set.of("-f", "-o")),
            Map.entry("xargs", Set.of("-I", "-n", "-P", "-d", "-s", "-L", "-E", "-a", "--max-args", "--max-procs",
                    "--delimiter", "--arg-file", "--replace")),
            Map.entry("watch", Set.of("-n", "--interval", "-d")), Map.entry("unbuffer", Set.of()),
            Map.entry("chronic", Set.of()), Map.entry("busybox", Set.of()), Map.entry("flock", Set.of("-w", "-E")),
            Map.entry("strace", Set.of("-e", "-o", "-p", "-s")), Map.entry("ltrace", Set.of("-e", "-o", "-p")));
    /** Wrappers whose first plain argument is not the program: a duration, a lock file. */
    private static final Set<String> WRAPPERS_WITH_OPERAND = Set.of("timeout", "flock");

    Invocation {
        chain = List.copyOf(chain);
        args = List.copyOf(args);
    }

    static Invocation of(SimpleCommand command) {
        List<Word> words = command.words();
        int i = 0;
        while (i < words.size() && !words.get(i).expanded() && KEYWORDS.contains(words.get(i).text())) {
            i++;
        }
        if (i < words.size() && !words.get(i).expanded() && HEADERS.contains(words.get(i).text())) {
            return new Invocation(List.of(), List.of());
        }
        while (i < words.size() && ASSIGNMENT.matcher(words.get(i).text()).matches()) {
            i++;
        }
        List<Word> chain = new ArrayList<>();
        while (i < words.size()) {
            Word program = words.get(i++);
            chain.add(program);
            Set<String> optionsWithValue = WRAPPERS.get(baseName(program.text()));
            if (optionsWithValue == null) {
                break;
            }
            boolean operandPending = WRAPPERS_WITH_OPERAND.contains(baseName(program.text()));
            while (i < words.size()) {
                String word = words.get(i).text();
                if (word.equals("--")) {
                    i++;
                    break;
                } else if (word.startsWith("-") && word.length() > 1) {
                    i += optionsWithValue.contains(word) ? 2 : 1;
                } else if (ASSIGNMENT.matcher(word).matches() && baseName(program.text()).equals("env")) {
                    i++;
                } else if (operandPending) {
                    operandPending = false;
                    i++;
                } else {
                    break;
                }
            }
        }
        return new Invocation(chain, words.subList(i, words.size()).stream().map(Word::text).toList());
    }

    boolean hasProgram() {
        return !chain.isEmpty();
    }

    /** The program that finally runs, by its file name: {@code /usr/bin/rm} is {@code rm}. */
    String program() {
        return chain.isEmpty() ? "" : baseName(chain.getLast().text());
    }

    boolean runs(Set<String> programs) {
        return chain.stream().anyMatch(word -> programs.contains(baseName(word.text())));
    }

    static String baseName(String word) {
        String trimmed = word.endsWith("/") ? word.substring(0, word.length() - 1) : word;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }
}
