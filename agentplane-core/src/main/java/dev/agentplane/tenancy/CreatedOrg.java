package dev.agentplane.tenancy;

/** An organization just created, with its first admin key: the only time that key is shown. */
public record CreatedOrg(Org org, CreatedApiKey adminKey) {}
