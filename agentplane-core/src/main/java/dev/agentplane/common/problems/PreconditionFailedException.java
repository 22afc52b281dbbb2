package dev.agentplane.common.problems;

import java.util.List;
import java.util.Map;

/** 412: an If-Match or If-None-Match condition did not hold. */
public class PreconditionFailedException extends ProblemException {
    public PreconditionFailedException(String detail, Map<String, Object> extensions) {
        super(412, "precondition-failed", "Precondition failed", detail, List.of(), extensions);
    }
}
