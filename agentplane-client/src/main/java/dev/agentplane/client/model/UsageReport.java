package dev.agentplane.client.model;

import java.util.List;

/** Usage per day between two dates, and the totals. */
public record UsageReport(
        String from,
        String to,
        List<UsageDay> days,
        UsageCounts totals) {
}
