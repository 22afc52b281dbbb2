package dev.agentplane.teams.tools.terminal;

/**
 * One shell word with its quotes removed. {@code expanded} says part of it comes from a variable or a command
 * substitution, so what it becomes when the shell runs it cannot be known from the text.
 */
record Word(String text, boolean expanded) {}
