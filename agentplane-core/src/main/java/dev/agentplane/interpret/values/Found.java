package dev.agentplane.interpret.values;

/** A value found in free text, with where it starts and ends in that text. */
public record Found(int start, int end, Parsed parsed) {}
