package dev.agentplane.teams.tools.terminal;

import java.nio.charset.StandardCharsets;

/**
 * Keeps the first and the last half of a command's output within a byte cap and counts what falls in between,
 * so the model sees how a command started and how it ended: {@code head…[… N bytes cut …]…tail}.
 */
final class CappedOutput {
    private final byte[] head;
    private final byte[] tail;
    private int headLength;
    private long tailWritten;
    private long total;

    CappedOutput(int cap) {
        head = new byte[cap / 2];
        tail = new byte[cap - cap / 2];
    }

    synchronized void write(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (headLength < head.length) {
                head[headLength++] = bytes[i];
            } else {
                tail[(int) (tailWritten++ % tail.length)] = bytes[i];
            }
        }
        total += length;
    }

    synchronized long total() {
        return total;
    }

    synchronized long cut() {
        return Math.max(0, tailWritten - tail.length);
    }

    synchronized String text() {
        byte[] kept = new byte[headLength + (int) Math.min(tailWritten, tail.length)];
        System.arraycopy(head, 0, kept, 0, headLength);
        if (tailWritten <= tail.length) {
            System.arraycopy(tail, 0, kept, headLength, (int) tailWritten);
            return new String(kept, StandardCharsets.UTF_8);
        }
        int oldest = (int) (tailWritten % tail.length);
        System.arraycopy(tail, oldest, kept, headLength, tail.length - oldest);
        System.arraycopy(tail, 0, kept, headLength + tail.length - oldest, oldest);
        return new String(kept, 0, headLength, StandardCharsets.UTF_8) + "\n[… " + cut() + " bytes cut …]\n"
                + new String(kept, headLength, tail.length, StandardCharsets.UTF_8);
    }
}
