package dev.agentplane.store;

/** A statement parameter holding JSON text, bound as the database's JSON type. */
public record JsonParam(String text) {}
