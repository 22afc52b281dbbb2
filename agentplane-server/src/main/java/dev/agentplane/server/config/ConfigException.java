package dev.agentplane.server.config;

/** A setting that cannot be used; the message says which and how to fix it. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
