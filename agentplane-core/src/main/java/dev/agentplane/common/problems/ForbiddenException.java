package dev.agentplane.common.problems;

/** 403: the caller's role or identity may not do this to a resource of its own organization. */
public class ForbiddenException extends ProblemException {
    public ForbiddenException(String detail) {
        super(403, "forbidden", "Forbidden", detail);
    }
}
