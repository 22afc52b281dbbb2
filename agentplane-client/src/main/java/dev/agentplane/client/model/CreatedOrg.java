package dev.agentplane.client.model;

/** A new organization and the key of its first admin (shown only this once). */
public record CreatedOrg(
        Org org,
        CreatedApiKey adminKey) {
}
