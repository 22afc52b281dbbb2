package dev.agentplane.client.model;

import java.time.Instant;

/** A stored secret's name and times (its value is never returned). */
public record Secret(
        String name,
        Instant createdAt,
        Instant updatedAt) {
}
