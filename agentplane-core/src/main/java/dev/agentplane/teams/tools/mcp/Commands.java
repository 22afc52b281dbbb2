package dev.agentplane.teams.tools.mcp;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds a stdio server's program before starting it, so a wrong command fails at once and says why. */
final class Commands {
    private Commands() {}

    /** Empty when the command can be run; else why not. */
    static Optional<String> problem(String command, Path cwd) {
        if (command.contains(File.separator)) {
            // A path is run relative to the server's own directory.
            Path program = cwd == null ? Path.of(command) : cwd.resolve(command);
            return Files.isRegularFile(program) && Files.isExecutable(program) ? Optional.empty()
                    : Optional.of("its command " + program + " is not an executable file");
        }
        String path = System.getenv("PATH");
        for (String directory : path == null ? new String[0] : path.split(File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, command))
                    && !Files.isDirectory(Path.of(directory, command))) {
                return Optional.empty();
            }
        }
        return Optional.of("its command " + command + " is not found on the PATH (" + path + ")");
    }
}
