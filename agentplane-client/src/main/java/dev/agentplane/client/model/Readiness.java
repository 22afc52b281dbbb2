package dev.agentplane.client.model;

/** Readiness of the server and its database. */
public record Readiness(
        String status,
        String database) {
}
