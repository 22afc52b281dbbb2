package dev.agentplane.schedules;

/** A cron expression or time zone a schedule cannot use: what is wrong with it, and how to fix it. */
public final class TimingException extends IllegalArgumentException {
    private final String fix;

    TimingException(String detail, String fix) {
        super(detail);
        this.fix = fix;
    }

    public String detail() {
        return getMessage();
    }

    public String fix() {
        return fix;
    }
}
