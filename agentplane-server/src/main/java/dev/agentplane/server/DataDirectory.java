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

    static final String SECRETS_KEY_FILE = "secrets.key";

    /**
     * The key org secrets are encrypted with when none is configured: read from {@code secrets.key}, or made and
     * written there (owner-only) on first use. Several servers on one database must share a configured key instead.
     */
    String secretsKey() {
        Path file = root.resolve(SECRETS_KEY_FILE);
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            String key = dev.agentplane.secrets.SecretBox.newBase64Key();
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, key + "\n", StandardOpenOption.TRUNCATE_EXISTING);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file + ": set secrets_key (AGENTPLANE_SECRETS_KEY) instead", e);
        }
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
