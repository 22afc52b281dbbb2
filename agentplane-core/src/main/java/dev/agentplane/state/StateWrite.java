package dev.agentplane.state;

/** The outcome of a put: the entry as stored, and whether the put created it (else it replaced a live one). */
public record StateWrite(StateEntry entry, boolean created) {}
