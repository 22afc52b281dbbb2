package dev.agentplane.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** The server's data directory: the SQLite database and the first admin key live here. */
final class DataDirectory {
    static final String ADMIN_KEY_FILE = "admin.key";
    private final Path root;

    private DataDirectory(Path root) {
        this.root = root;
    }

    static DataDirectory prepare(Path root) {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + root.toAbsolutePath()
                    + ": choose a writable one with --data-dir", e);
        }
        return new DataDirectory(root);
    }

    /** Writes the key readable by the owner only, and prints it once. */
    void writeAdminKey(String key) {
        Path file = root.resolve(ADMIN_KEY_FILE);
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, key + "\n", StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        System.out.println("""

                ================================================================
                 AgentPlane created organization 'default' and its admin key:
                   %s
                 It is shown once and saved in %s (mode 0600).
                ================================================================
                """.formatted(key, file.toAbsolutePath()));
    }
}
