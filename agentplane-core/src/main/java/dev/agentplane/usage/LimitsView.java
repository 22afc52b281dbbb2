package dev.agentplane.usage;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;

/**
 * An org's limits as its admins set them, its quota as the instance admin set it, the limits that apply (the lower
 * of the two), and what it used this month.
 */
public record LimitsView(String orgId, OrgLimits limits, OrgLimits quota, OrgLimits effective, Month month) {

    /** Usage of the current UTC month, which resets at {@code resetsAt}. */
    public record Month(String month, Instant resetsAt, @JsonUnwrapped UsageCounts usage) {}
}
