package dev.agentplane.teams.tools.terminal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a {@code /bin/sh} command line into pipelines of simple commands the way the shell would, closely enough
 * for a deny list: on {@code ;}, {@code &&}, {@code ||}, {@code &}, {@code |}, newlines and parentheses, with
 * quotes and escapes honoured, and with the inside of {@code $(…)}, backticks and {@code <(…)} parsed as commands
 * of their own. It errs towards finding more commands, never fewer: a heredoc's body is read as commands too.
 */
final class ShellParser {
    private final String text;
    private int pos;
    private final boolean nested;
    private final List<Pipeline> pipelines = new ArrayList<>();
    private final List<SimpleCommand> stages = new ArrayList<>();
    private final List<Word> words = new ArrayList<>();
    private final List<String> writeTargets = new ArrayList<>();
    private final List<Pipeline> substitutions = new ArrayList<>();
    private StringBuilder word;
    private boolean wordExpanded;
    private boolean nextWordIsWriteTarget;
    private boolean nextWordIsRedirectTarget;
    private int commandStart;
    private boolean commandStartPending;
    private int depth;
    static final int MAX_LEVELS = 32;

    private final int level;

    private ShellParser(String text, int start, boolean nested, int level) {
        if (level > MAX_LEVELS) {
            throw new TooDeep();
        }
        this.text = text;
        this.pos = start;
        this.commandStart = start;
        this.nested = nested;
        this.level = level;
    }

    /** Thrown for substitutions nested deeper than anyone writes by hand; the guard refuses such a line. */
    static final class TooDeep extends RuntimeException {
        TooDeep() {
            super("nested too deeply", null, false, false);
        }
    }

    static List<Pipeline> parse(String commandLine) {
        return parse(commandLine, 0);
    }

    private static List<Pipeline> parse(String commandLine, int level) {
        ShellParser parser = new ShellParser(commandLine, 0, false, level);
        parser.run();
        return List.copyOf(parser.pipelines);
    }

    /** Parses from {@code pos} up to the unmatched ')' (or the end); returns the pipelines, leaves pos after ')'. */
    private List<Pipeline> parseNested() {
        ShellParser inner = new ShellParser(text, pos, true, level + 1);
        inner.run();
        pos = inner.pos;
        return inner.pipelines;
    }

    private void run() {
        while (pos < text.length()) {
            if (commandStartPending) {
                commandStart = pos;
                commandStartPending = false;
            }
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t') {
                endWord();
                pos++;
            } else if (c == '\\' && pos + 1 < text.length()) {
                if (text.charAt(pos + 1) != '\n') {
                    append(text.charAt(pos + 1));
                }
                pos += 2;
            } else if (c == '#' && word == null) {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '\n' || c == ';') {
                endPipeline();
                pos++;
            } else if (c == '&') {
                if (startsWith("&>")) {
                    redirect(startsWith("&>>") ? 3 : 2, true);
                } else {
                    endPipeline();
                    pos += startsWith("&&") ? 2 : 1;
                }
            } else if (c == '|') {
                if (startsWith("||")) {
                    endPipeline();
                    pos += 2;
                } else {
                    endCommand();
                    pos += startsWith("|&") ? 2 : 1;
                }
            } else if (c == '(') {
                endPipeline();
                depth++;
                pos++;
            } else if (c == ')') {
                if (nested && depth == 0) {
                    endPipeline();
                    pos++;
                    return;
                }
                endPipeline();
                depth = Math.max(0, depth - 1);
                pos++;
            } else if ((c == '<' || c == '>') && startsWith(c + "(")) {
                pos += 2;
                substitutions.addAll(parseNested());
                append("<(…)");
                wordExpanded = true;
            } else if (c == '>' || c == '<') {
                boolean write = c == '>' || startsWith("<>");
                if (word != null && word.chars().allMatch(Character::isDigit) && !wordExpanded) {
                    word = null; // "2>" : the digits name a file descriptor, not a word
                }
                redirect(operatorLength(), write);
            } else if (c == '\'') {
                int end = text.indexOf('\'', pos + 1);
                end = end < 0 ? text.length() : end;
                append(text.substring(pos + 1, end));
                pos = end + 1;
            } else if (c == '"') {
                doubleQuoted();
            } else if (c == '`') {
                backticks();
            } else if (c == '$') {
                dollar();
            } else {
                append(c);
                pos++;
            }
        }
        endPipeline();
    }

    private int operatorLength() {
        int length = 1;
        while (pos + length < text.length() && "<>&|-".indexOf(text.charAt(pos + length)) >= 0 && length < 3) {
            length++;
        }
        return length;
    }

    private void redirect(int length, boolean write) {
        endWord();
        pos += length;
        nextWordIsRedirectTarget = true;
        nextWordIsWriteTarget = write;
    }

    private void doubleQuoted() {
        pos++;
        if (word == null) {
            word = new StringBuilder();
        }
        while (pos < text.length() && text.charAt(pos) != '"') {
            char c = text.charAt(pos);
            if (c == '\\' && pos + 1 < text.length()) {
                append(text.charAt(pos + 1));
                pos += 2;
            } else if (c == '`') {
                backticks();
            } else if (c == '$') {
                dollar();
            } else {
                append(c);
                pos++;
            }
        }
        pos++;
    }

    private void backticks() {
        int end = pos + 1;
        StringBuilder inner = new StringBuilder();
        while (end < text.length() && text.charAt(end) != '`') {
            if (text.charAt(end) == '\\' && end + 1 < text.length()) {
                end++;
            }
            inner.append(text.charAt(end));
            end++;
        }
        substitutions.addAll(parse(inner.toString(), level + 1));
        append("`…`");
        wordExpanded = true;
        pos = end + 1;
    }

    private void dollar() {
        if (startsWith("$((")) {
            pos += 3;
            substitutions.addAll(parseNested()); // arithmetic may hold $(…) too; its words are harmless
            pos = Math.min(text.length(), pos + (startsWith(")") ? 1 : 0));
            append("$((…))");
        } else if (startsWith("$(")) {
            pos += 2;
            substitutions.addAll(parseNested());
            append("$(…)");
        } else if (startsWith("${")) {
            int end = text.indexOf('}', pos);
            end = end < 0 ? text.length() - 1 : end;
            append(text.substring(pos, end + 1));
            pos = end + 1;
        } else {
            int end = pos + 1;
            while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_'
                    || (end == pos + 1 && "?#$!@*-".indexOf(text.charAt(end)) >= 0))) {
                end++;
                if ("?#$!@*-".indexOf(text.charAt(end - 1)) >= 0) {
                    break;
                }
            }
            if (end == pos + 1) {
                append('$');
                pos++;
                return;
            }
            append(text.substring(pos, end));
            pos = end;
        }
        wordExpanded = true;
    }

    private boolean startsWith(String prefix) {
        return text.startsWith(prefix, pos);
    }

    private void append(char c) {
        append(String.valueOf(c));
    }

    private void append(String s) {
        if (word == null) {
            word = new StringBuilder();
        }
        word.append(s);
    }

    private void endWord() {
        if (word == null) {
            return;
        }
        if (nextWordIsRedirectTarget) {
            if (nextWordIsWriteTarget) {
                writeTargets.add(word.toString());
            }
            nextWordIsRedirectTarget = false;
        } else {
            words.add(new Word(word.toString(), wordExpanded));
        }
        word = null;
        wordExpanded = false;
    }

    private void endCommand() {
        endWord();
        int end = Math.min(pos, text.length());
        String source = text.substring(Math.min(commandStart, end), end).strip();
        if (!words.isEmpty() || !writeTargets.isEmpty() || !substitutions.isEmpty()) {
            stages.add(new SimpleCommand(source, words, writeTargets, substitutions));
        }
        words.clear();
        writeTargets.clear();
        substitutions.clear();
        nextWordIsRedirectTarget = false;
        commandStartPending = true;
    }

    private void endPipeline() {
        endCommand();
        if (!stages.isEmpty()) {
            pipelines.add(new Pipeline(stages));
        }
        stages.clear();
    }
}
