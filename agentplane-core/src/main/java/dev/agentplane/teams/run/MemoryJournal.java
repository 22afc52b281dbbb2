package dev.agentplane.teams.run;

import java.util.ArrayList;
import java.util.List;

/** A journal in memory: for tests, and to resume from a copy of another journal's events. */
public final class MemoryJournal implements RunJournal {
    private final List<RunEvent> events = new ArrayList<>();

    public MemoryJournal() {}

    public MemoryJournal(List<RunEvent> events) {
        this.events.addAll(events);
    }

    @Override
    public synchronized void append(RunEvent event) {
        events.add(event);
    }

    @Override
    public synchronized List<RunEvent> events() {
        return List.copyOf(events);
    }
}
