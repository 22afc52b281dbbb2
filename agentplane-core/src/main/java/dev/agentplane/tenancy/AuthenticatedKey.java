package dev.agentplane.tenancy;

/**
 * A recognised key: the actor it stands for and, when the key signs its requests, the secret that checks their
 * signatures (null for a key that does not sign).
 */
public record AuthenticatedKey(Actor actor, SigningSecret signingSecret) {
    public boolean signed() {
        return signingSecret != null;
    }
}
