package dev.agentplane.usage;

import java.time.LocalDate;
import java.util.List;

/** Every day from {@code from} to {@code to} (both included, UTC), days without usage as zeros, and their sum. */
public record UsageReport(LocalDate from, LocalDate to, List<UsageDay> days, UsageCounts totals) {}
