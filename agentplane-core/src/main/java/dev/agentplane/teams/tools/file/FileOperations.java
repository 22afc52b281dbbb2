package dev.agentplane.teams.tools.file;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import dev.agentplane.teams.tools.ToolResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Reading and writing one file of the workspace, within the team's size caps. */
final class FileOperations {
    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");
    private final FileSettings settings;

    FileOperations(FileSettings settings) {
        this.settings = settings;
    }

    ToolResult read(WorkspacePaths paths, String path, long offset) throws IOException {
        Path file = paths.resolve("path", path);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return ToolResult.error("'" + path + "' does not exist; list its directory to see what is there");
        }
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            return ToolResult.error("'" + path + "' is a directory; use operation 'list' to see what it holds");
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return ToolResult.error("'" + path + "' is not a regular file (a device, a pipe or a socket)");
        }
        long size = Files.size(file);
        if (offset > size) {
            return ToolResult.error("argument 'offset' " + offset + " is past the end of '" + path + "' (" + size + " bytes)");
        }
        byte[] bytes = readPart(file, offset, (int) Math.min(settings.maxReadBytes(), size - offset));
        ObjectNode data = Json.object().put("path", paths.name(file)).put("size", size).put("offset", offset);
        if (looksBinary(bytes)) {
            return ToolResult.ok("'" + path + "' is a binary file of " + size + " bytes; it is not shown", data.put("binary", true));
        }
        int length = offset + bytes.length < size ? characterBoundary(bytes) : bytes.length;
        String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
        long next = offset + length;
        data.put("bytes", length);
        if (next < size) {
            data.put("next_offset", next);
            text += "\n[… " + (size - next) + " more bytes not shown: '" + path + "' has " + size + " bytes; read on "
                    + "with offset " + next + " …]";
        }
        return ToolResult.ok(text, data);
    }

    private static byte[] readPart(Path file, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            channel.position(offset);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // read until full or at the end
            }
        }
        byte[] bytes = new byte[buffer.position()];
        buffer.flip().get(bytes);
        return bytes;
    }

    static boolean looksBinary(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /** Where the part read may end without splitting a UTF-8 character: before any trailing partial one. */
    private static int characterBoundary(byte[] bytes) {
        int end = bytes.length;
        for (int back = 1; back <= 4 && end - back >= 0; back++) {
            int b = bytes[end - back] & 0xFF;
            if ((b & 0xC0) != 0x80) { // a lead byte or ASCII: does its character fit in what was read?
                int needed = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
                return needed > back ? end - back : end;
            }
        }
        return end;
    }

    ToolResult write(WorkspacePaths paths, String path, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > settings.maxWriteBytes()) {
            return ToolResult.error("argument 'content' has " + bytes.length + " bytes; at most "
                    + settings.maxWriteBytes() + " may be written in one call (tools.file.max_write_bytes)");
        }
        Path file = paths.resolve("path", path);
        if (file.equals(paths.root()) || Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            return ToolResult.error("'" + path + "' is a directory; give the path of a file, e.g. '" + path + "/notes.md'");
        }
        paths.createDirectories(file.getParent());
        boolean existed = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
        Path temporary = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".tmp");
        try {
            Files.write(temporary, bytes);
            keepPermissions(existed ? file : null, temporary);
            moveIntoPlace(temporary, file);
        } finally {
            Files.deleteIfExists(temporary);
        }
        ObjectNode data = Json.object().put("path", paths.name(file)).put("bytes", bytes.length).put("created", !existed);
        return ToolResult.ok("wrote " + bytes.length + " bytes to '" + paths.name(file) + "' ("
                + (existed ? "replaced" : "created") + ")", data);
    }

    /** Readers never see a half-written file: the new content appears all at once, under its name. */
    private static void moveIntoPlace(Path temporary, Path file) throws IOException {
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A temporary file is private (0600); the file keeps its own mode, or gets the usual 0644 when new. */
    private static void keepPermissions(Path existing, Path temporary) throws IOException {
        try {
            Files.setPosixFilePermissions(temporary, existing == null ? NEW_FILE
                    : Files.getPosixFilePermissions(existing, LinkOption.NOFOLLOW_LINKS));
        } catch (UnsupportedOperationException notPosix) {
            // the file system has no POSIX modes to keep
        }
    }
}
