package dev.agentplane.secrets;

import java.time.Instant;

/** A secret as callers see it: its name and when it changed, never its value. */
public record Secret(String name, Instant createdAt, Instant updatedAt) {}
