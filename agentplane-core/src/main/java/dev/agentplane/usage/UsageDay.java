package dev.agentplane.usage;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.LocalDate;

/** One UTC day of an org's usage. */
public record UsageDay(LocalDate day, @JsonUnwrapped UsageCounts usage) {}
