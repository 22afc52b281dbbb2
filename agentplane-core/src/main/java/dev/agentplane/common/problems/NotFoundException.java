package dev.agentplane.common.problems;

/** 404: nothing of that kind with that id exists in the caller's organization. */
public class NotFoundException extends ProblemException {
    public NotFoundException(String resource, String id) {
        super(404, "not-found", "Not found",
                "no " + resource + " '" + id + "' exists in this organization; check the id, or list "
                        + resource + "s to find it");
    }
}
