package dev.agentplane.schedules;

public record ScheduleFilter(String workflow, Boolean paused) {}
