package dev.agentplane.teams.tools.file;

import java.time.Duration;

/**
 * The text a regular expression runs over, which stops the match once the call's time is up: Java's regex engine
 * can backtrack for hours on a pattern such as {@code (a+)+b}, and it reads its input only through
 * {@code charAt}.
 */
final class Deadline {
    private final long endNanos;

    Deadline(Duration timeout) {
        endNanos = System.nanoTime() + timeout.toNanos();
    }

    boolean passed() {
        return System.nanoTime() - endNanos > 0;
    }

    CharSequence guard(CharSequence text) {
        return new Guarded(text);
    }

    static final class Expired extends RuntimeException {
        Expired() {
            super("time is up", null, false, false);
        }
    }

    private final class Guarded implements CharSequence {
        private final CharSequence text;
        private int reads;

        Guarded(CharSequence text) {
            this.text = text;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 0xFFF) == 0 && passed()) {
                throw new Expired();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Guarded(text.subSequence(start, end));
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
