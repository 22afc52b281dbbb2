package dev.agentplane.common.problems;

import java.util.List;
import java.util.Map;

/** 413: the body or one value in it exceeds a documented limit. */
public class PayloadTooLargeException extends ProblemException {
    public PayloadTooLargeException(String what, long limitBytes, long actualBytes) {
        super(413, "payload-too-large", "Payload too large",
                what + " is " + actualBytes + " bytes; the limit is " + limitBytes + " bytes ("
                        + (limitBytes / 1024) + " KiB): store large data elsewhere and keep a reference here",
                List.of(), Map.of("limit_bytes", limitBytes, "actual_bytes", actualBytes));
    }
}
