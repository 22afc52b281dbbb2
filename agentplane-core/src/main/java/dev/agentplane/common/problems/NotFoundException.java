package dev.agentplane.common.problems;

import java.util.List;
import java.util.Map;

/** 404: nothing of that kind with that id exists in the caller's organization. */
public class NotFoundException extends ProblemException {
    public NotFoundException(String resource, String id) {
        super(404, "not-found", "Not found",
                "no " + resource + " '" + id + "' exists in this organization; check the id, or list "
                        + resource + "s to find it");
    }

    private NotFoundException(String detail, List<FieldError> errors) {
        super(404, "not-found", "Not found", detail, errors, Map.of());
    }

    /** When "no such id" is not the whole story, e.g. the workflow exists but not the version asked for. */
    public static NotFoundException withDetail(String detail) {
        return new NotFoundException(detail, List.of());
    }

    /** A request field names a resource that does not exist (or belongs to another organization). */
    public static NotFoundException referenced(String pointer, String resource, String id) {
        String detail = "no " + resource + " '" + id + "' exists in this organization";
        return new NotFoundException(pointer.substring(1) + ": " + detail, List.of(FieldError.body(pointer, detail,
                "pass the id of an existing " + resource + " (list " + resource + "s to find it)")));
    }
}
