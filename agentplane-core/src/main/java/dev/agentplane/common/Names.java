package dev.agentplane.common;

import java.util.regex.Pattern;

/** The rule for names callers give agents and workflows (and so the workflow an execution runs). */
public final class Names {
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private Names() {}
}
