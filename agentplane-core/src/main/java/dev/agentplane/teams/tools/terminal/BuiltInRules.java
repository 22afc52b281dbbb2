package dev.agentplane.teams.tools.terminal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The deny list every terminal call is checked against, whatever the team's settings: destructive and
 * privilege-escalating commands. It is a guard rail against a model's mistakes, not a sandbox: a program the
 * model writes to a file and runs is not inspected (the {@code allow} setting is the strong control).
 */
final class BuiltInRules {
    private static final Set<String> SAFE_DEVICES = Set.of("/dev/null", "/dev/zero", "/dev/full", "/dev/random",
            "/dev/urandom", "/dev/stdout", "/dev/stderr", "/dev/stdin", "/dev/tty");
    private static final Pattern RECURSIVE_FLAG = Pattern.compile("-[A-Za-z]*[rR][A-Za-z]*|--recursive");
    private static final Pattern SETUID_MODE = Pattern.compile("[ugoa]*[+=][rwxXt]*s.*|[2467][0-7]{3}");
    private static final Pattern FORMAT_PROGRAM = Pattern.compile(
            "mkfs(\\..+)?|mke2fs|mkswap|mkntfs|mkdosfs|wipefs|fdisk|sfdisk|cfdisk|gdisk|sgdisk|parted|blkdiscard");
    static final Set<String> DOWNLOADERS = Set.of("curl", "wget", "fetch", "aria2c", "http", "https", "xh");
    private static final Pattern INTERPRETER = Pattern.compile(
            "(ba|da|z|k|a|mk|tc|c)?sh|fish|python[0-9.]*|perl[0-9.]*|ruby|node|nodejs|php|lua|tclsh|deno|bun|source|\\.|eval");
    /** A shell function that pipes into itself in the background: {@code :(){ :|:& };:} and renamed copies. */
    private static final Pattern FORK_BOMB = Pattern.compile("([\\w:.-]+)\\(\\)\\{[^}]*\\1\\|\\1&");

    static final List<DenyRule> RULES = List.of(
            new DenyRule("privilege-escalation", "sudo, su, doas, pkexec, runuser, chroot and nsenter change who or "
                    + "where a command runs as; commands run as the agent's own user, inside its workspace",
                    (command, call) -> call.runs(Set.of("sudo", "sudoedit", "su", "doas", "pkexec", "runuser", "chroot", "nsenter"))),
            new DenyRule("setuid-bit", "setting the setuid/setgid bit lets a program run as its owner; leave modes "
                    + "like u+x or 755", (command, call) -> call.program().equals("chmod")
                    && call.args().stream().anyMatch(arg -> SETUID_MODE.matcher(arg).matches())),
            new DenyRule("recursive-delete-outside-workspace", "rm -r on /, ~, $HOME, a top-level directory or a "
                    + "path with '..' deletes outside the workspace; delete paths inside the workspace, e.g. rm -rf build/",
                    (command, call) -> call.program().equals("rm") && (call.args().contains("--no-preserve-root")
                            || recursive(call) && targets(call).stream().anyMatch(BuiltInRules::outsideWorkspace))),
            new DenyRule("recursive-permission-change-outside-workspace", "chmod, chown or chgrp -R on /, ~, a "
                    + "top-level directory or a path with '..' changes files outside the workspace; name paths inside it",
                    (command, call) -> Set.of("chmod", "chown", "chgrp").contains(call.program()) && recursive(call)
                            && targets(call).stream().anyMatch(BuiltInRules::outsideWorkspace)),
            new DenyRule("filesystem-format", "mkfs, fdisk, parted, wipefs and the like erase disks",
                    (command, call) -> FORMAT_PROGRAM.matcher(call.program()).matches()),
            new DenyRule("device-write", "writing to a device under /dev (a disk, memory) destroys data; write to "
                    + "files in the workspace, or to /dev/null", (command, call) -> writesToDevice(command, call)),
            new DenyRule("power-off", "shutdown, reboot, halt and poweroff stop the machine everyone shares",
                    (command, call) -> call.runs(Set.of("shutdown", "reboot", "halt", "poweroff", "telinit", "kexec"))
                            || call.program().equals("init") && call.args().stream().anyMatch(Set.of("0", "6")::contains)
                            || Set.of("systemctl", "loginctl").contains(call.program()) && call.args().stream().anyMatch(
                                    Set.of("poweroff", "reboot", "halt", "kexec", "suspend", "hibernate", "rescue", "emergency")::contains)),
            new DenyRule("kill-everything", "kill -1 signals every process of the user and pid 1 is the container's "
                    + "init; kill the processes you started by their pid", (command, call) -> killsEverything(call)));

    private BuiltInRules() {}

    static boolean isForkBomb(String commandLine) {
        return FORK_BOMB.matcher(commandLine.replaceAll("\\s+", "")).find();
    }

    static boolean isInterpreter(Invocation call) {
        return call.hasProgram() && INTERPRETER.matcher(call.program()).matches();
    }

    private static boolean recursive(Invocation call) {
        return call.args().stream().anyMatch(arg -> RECURSIVE_FLAG.matcher(arg).matches());
    }

    /** The plain arguments: those not starting with '-', and every one after "--". */
    private static List<String> targets(Invocation call) {
        List<String> targets = new ArrayList<>();
        boolean optionsEnded = false;
        for (String arg : call.args()) {
            if (optionsEnded || !arg.startsWith("-")) {
                targets.add(arg);
            } else if (arg.equals("--")) {
                optionsEnded = true;
            }
        }
        return targets;
    }

    /** /, /*, a top-level directory such as /etc, ~ or ~user, $HOME, or any path with a '..' segment. */
    static boolean outsideWorkspace(String target) {
        String path = target;
        while (path.endsWith("/") || path.endsWith("/*") || path.endsWith("/.*")) {
            path = path.substring(0, path.lastIndexOf('/'));
        }
        if (path.isEmpty() || path.equals("$HOME") || path.equals("${HOME}") || path.startsWith("$HOME/..")) {
            return true;
        }
        if (path.startsWith("~") && !path.contains("/")) {
            return true;
        }
        if (List.of(path.split("/")).contains("..")) {
            return true;
        }
        return path.startsWith("/") && path.indexOf('/', 1) < 0;
    }

    private static boolean isDevice(String path) {
        return path.startsWith("/dev/") && !SAFE_DEVICES.contains(path) && !path.startsWith("/dev/fd/");
    }

    private static boolean writesToDevice(SimpleCommand command, Invocation call) {
        if (command.writeTargets().stream().anyMatch(BuiltInRules::isDevice)) {
            return true;
        }
        if (call.program().equals("dd")) {
            return call.args().stream().anyMatch(arg -> arg.startsWith("of=") && isDevice(arg.substring(3)));
        }
        List<String> targets = targets(call);
        if (Set.of("tee", "shred").contains(call.program())) {
            return targets.stream().anyMatch(BuiltInRules::isDevice);
        }
        return Set.of("cp", "mv", "install", "ln").contains(call.program()) && !targets.isEmpty()
                && isDevice(targets.getLast());
    }

    private static boolean killsEverything(Invocation call) {
        if (call.program().equals("killall5")) {
            return true;
        }
        if (!call.program().equals("kill")) {
            return false;
        }
        List<String> args = call.args();
        for (int i = 0; i < args.size(); i++) {
            boolean signalValue = i > 0 && Set.of("-s", "-n").contains(args.get(i - 1));
            if (!signalValue && (args.get(i).equals("1") || i > 0 && args.get(i).equals("-1"))) {
                return true;
            }
        }
        return false;
    }
}
