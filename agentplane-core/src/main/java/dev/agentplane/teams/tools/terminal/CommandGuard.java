package dev.agentplane.teams.tools.terminal;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a command line may run: every sub-command — between {@code ;}, {@code &&}, {@code ||},
 * {@code |}, newlines, inside {@code $(…)}, backticks, {@code sh -c '…'}, {@code eval} and {@code find -exec} —
 * is checked against the built-in deny list, the team's extra {@code deny} patterns and, when the team has one,
 * its {@code allow} list of programs. The first sub-command refused refuses the whole line.
 */
final class CommandGuard {
    /** Builtins that run nothing else, so an allow list need not name them. */
    static final Set<String> HARMLESS_BUILTINS = Set.of("cd", "echo", "printf", "pwd", "true", "false", "test", "[",
            "[[", "exit", ":", "return", "break", "continue");
    /** Under an allow list, these assignments could make an allowed name run something else. */
    private static final Pattern PROGRAM_LOOKUP_ASSIGNMENT = Pattern.compile(
            "(PATH|LD_[A-Z_]+|BASH_ENV|ENV|IFS|SHELLOPTS|BASHOPTS|PS4|PROMPT_COMMAND)=.*", Pattern.DOTALL);
    private static final Pattern SHELL = Pattern.compile("(ba|da|z|k|a|mk)?sh");
    private static final int MAX_NESTING = ShellParser.MAX_LEVELS;

    private final List<Pattern> deny;
    private final Optional<Set<String>> allow;

    CommandGuard(List<Pattern> deny, Optional<Set<String>> allow) {
        this.deny = List.copyOf(deny);
        this.allow = allow.map(Set::copyOf);
    }

    Optional<Refusal> check(String commandLine) {
        if (BuiltInRules.isForkBomb(commandLine)) {
            return Optional.of(new Refusal("fork-bomb", "a function that starts copies of itself in the background "
                    + "exhausts the machine's processes", commandLine.strip()));
        }
        try {
            return check(ShellParser.parse(commandLine), 0);
        } catch (ShellParser.TooDeep e) {
            return Optional.of(tooDeep());
        }
    }

    private static Refusal tooDeep() {
        return new Refusal("nesting", "commands nested more than " + MAX_NESTING + " levels deep cannot be checked; "
                + "write it as separate commands", "…");
    }

    private Optional<Refusal> check(List<Pipeline> pipelines, int nesting) {
        if (nesting > MAX_NESTING) {
            return Optional.of(tooDeep());
        }
        for (Pipeline pipeline : pipelines) {
            Optional<Refusal> refusal = downloadPipedToInterpreter(pipeline);
            for (int i = 0; refusal.isEmpty() && i < pipeline.stages().size(); i++) {
                refusal = check(pipeline.stages().get(i), nesting);
            }
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }

    private Optional<Refusal> check(SimpleCommand command, int nesting) {
        Invocation call = Invocation.of(command);
        for (DenyRule rule : BuiltInRules.RULES) {
            if (rule.refuses().test(command, call)) {
                return Optional.of(rule.refusal(command));
            }
        }
        if (BuiltInRules.isInterpreter(call) && downloads(command.substitutions())) {
            return Optional.of(downloadRefusal(command));
        }
        if (call.chain().stream().anyMatch(Word::expanded)) {
            return Optional.of(new Refusal("dynamic-program", "the program to run comes from a variable or a "
                    + "command substitution, so it cannot be checked; name the program literally", command.source()));
        }
        String words = String.join(" ", command.words().stream().map(Word::text).toList());
        for (int i = 0; i < deny.size(); i++) {
            if (deny.get(i).matcher(command.source()).find() || deny.get(i).matcher(words).find()) {
                return Optional.of(new Refusal("deny[" + i + "]", "it matches the team's deny pattern /"
                        + deny.get(i).pattern() + "/", command.source()));
            }
        }
        Optional<Refusal> refusal = allow.flatMap(programs -> notAllowed(command, call, programs));
        if (refusal.isPresent()) {
            return refusal;
        }
        refusal = check(command.substitutions(), nesting + 1);
        if (refusal.isPresent()) {
            return refusal;
        }
        for (String inner : innerCommandLines(call)) {
            if (BuiltInRules.isForkBomb(inner)) {
                return check(inner);
            }
            refusal = check(ShellParser.parse(inner), nesting + 1);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }

    private static Optional<Refusal> notAllowed(SimpleCommand command, Invocation call, Set<String> programs) {
        for (Word word : command.words()) {
            if (!call.chain().isEmpty() && word == call.chain().getFirst()) {
                break;
            }
            if (PROGRAM_LOOKUP_ASSIGNMENT.matcher(word.text()).matches()) {
                return Optional.of(new Refusal("allow", "with an allow list, setting "
                        + word.text().substring(0, word.text().indexOf('=')) + " could make an allowed name run "
                        + "another program", command.source()));
            }
        }
        for (Word program : call.chain()) {
            String name = program.text();
            boolean allowed = name.contains("/") ? programs.contains(name)
                    : programs.contains(name) || HARMLESS_BUILTINS.contains(name);
            if (!allowed) {
                return Optional.of(new Refusal("allow", "'" + name + "' is not in the team's allow list "
                        + programs.stream().sorted().toList() + " (a program given with a path must be listed with "
                        + "that path)", command.source()));
            }
        }
        return Optional.empty();
    }

    /** Command lines a command runs itself: {@code sh -c '…'}, {@code eval …}, {@code find -exec … ;}. */
    private static List<String> innerCommandLines(Invocation call) {
        String program = call.program();
        List<String> args = call.args();
        if (SHELL.matcher(program).matches()) {
            boolean commandFlag = false;
            for (String arg : args) {
                if (arg.startsWith("-") && !arg.startsWith("--") && arg.contains("c")) {
                    commandFlag = true;
                } else if (!arg.startsWith("-") && commandFlag) {
                    return List.of(arg);
                }
            }
            return List.of();
        }
        if (program.equals("eval")) {
            return List.of(String.join(" ", args));
        }
        if (program.equals("find")) {
            return findExecCommands(args);
        }
        if (call.hasProgram() && call.chain().getLast().text().contains(" ")) {
            return List.of(call.chain().getLast().text()); // watch 'rm -rf /', or a quoted command line
        }
        return List.of();
    }

    private static List<String> findExecCommands(List<String> args) {
        List<String> commands = new java.util.ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (Set.of("-exec", "-execdir", "-ok", "-okdir").contains(args.get(i))) {
                int end = i + 1;
                while (end < args.size() && !args.get(end).equals(";") && !args.get(end).equals("+")) {
                    end++;
                }
                commands.add(String.join(" ", args.subList(i + 1, end).stream().map(CommandGuard::quote).toList()));
                i = end;
            }
        }
        return commands;
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static Optional<Refusal> downloadPipedToInterpreter(Pipeline pipeline) {
        boolean downloaded = false;
        for (SimpleCommand stage : pipeline.stages()) {
            Invocation call = Invocation.of(stage);
            if (downloaded && BuiltInRules.isInterpreter(call)) {
                return Optional.of(downloadRefusal(stage));
            }
            downloaded |= call.runs(BuiltInRules.DOWNLOADERS) || downloads(stage.substitutions());
        }
        return Optional.empty();
    }

    private static boolean downloads(List<Pipeline> pipelines) {
        return pipelines.stream().flatMap(p -> p.stages().stream()).anyMatch(stage ->
                Invocation.of(stage).runs(BuiltInRules.DOWNLOADERS) || downloads(stage.substitutions()));
    }

    private static Refusal downloadRefusal(SimpleCommand command) {
        return new Refusal("download-to-interpreter", "running what was just downloaded (curl … | sh) executes code "
                + "nobody has read; download to a file, read it, then run it if it is safe", command.source());
    }
}
