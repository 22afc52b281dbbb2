package dev.agentplane.workflows.definition;

import java.time.Duration;

/**
 * One step of a definition: its id (unique in the whole workflow), its type, where it sits in the document (a
 * JSON pointer, for error messages), an optional {@code when} condition that skips it when false, its retry
 * policy, timeout and error handling (defaults applied), and what it does.
 */
public record Step(String id, String type, String pointer, String when, RetryPolicy retry, Duration timeout,
                   OnError onError, StepBody body) {}
