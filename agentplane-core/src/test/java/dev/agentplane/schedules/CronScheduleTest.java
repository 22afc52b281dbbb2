package dev.agentplane.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cron dialect and its fire times, in UTC and across both daylight-saving changes of Europe/Paris in 2026:
 * spring-forward on 29 March (02:00 CET becomes 03:00 CEST, at 01:00 UTC) and fall-back on 25 October (03:00 CEST
 * becomes 02:00 CET, at 01:00 UTC).
 */
class CronScheduleTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZoneId UTC = ZoneId.of("UTC");

    private static List<Instant> fires(String cron, ZoneId zone, String fromUtc, int count) {
        CronSchedule schedule = CronSchedule.parse(cron, zone);
        List<Instant> fires = new ArrayList<>();
        Instant at = Instant.parse(fromUtc);
        for (int i = 0; i < count; i++) {
            at = schedule.nextAfter(at).orElseThrow();
            fires.add(at);
        }
        return fires;
    }

    private static List<Instant> instants(String... utc) {
        return java.util.Arrays.stream(utc).map(Instant::parse).toList();
    }

    @Test
    void fires_strictly_after_the_given_instant_on_the_wall_clock_of_the_zone() {
        assertThat(fires("0 9 * * MON-FRI", PARIS, "2026-01-09T08:00:00Z", 2))
                .isEqualTo(instants("2026-01-12T08:00:00Z", "2026-01-13T08:00:00Z"));
        assertThat(fires("*/15 * * * *", UTC, "2026-01-01T00:00:00Z", 2))
                .isEqualTo(instants("2026-01-01T00:15:00Z", "2026-01-01T00:30:00Z"));
        assertThat(fires("*/15 * * * *", UTC, "2026-01-01T00:14:59.999Z", 1)).isEqualTo(instants("2026-01-01T00:15:00Z"));
    }

    @Test
    void shortcuts_are_the_crontab_ones() {
        assertThat(fires("@hourly", UTC, "2026-01-01T00:30:00Z", 1)).isEqualTo(instants("2026-01-01T01:00:00Z"));
        assertThat(fires("@daily", PARIS, "2026-01-01T12:00:00Z", 1)).isEqualTo(instants("2026-01-01T23:00:00Z"));
        assertThat(fires("@midnight", UTC, "2026-01-01T12:00:00Z", 1)).isEqualTo(instants("2026-01-02T00:00:00Z"));
        assertThat(fires("@weekly", UTC, "2026-01-01T00:00:00Z", 1)).isEqualTo(instants("2026-01-04T00:00:00Z"));
        assertThat(fires("@monthly", UTC, "2026-01-15T00:00:00Z", 1)).isEqualTo(instants("2026-02-01T00:00:00Z"));
        assertThat(fires("@yearly", UTC, "2026-01-15T00:00:00Z", 1)).isEqualTo(instants("2027-01-01T00:00:00Z"));
        assertThat(fires("@annually", UTC, "2026-01-15T00:00:00Z", 1)).isEqualTo(instants("2027-01-01T00:00:00Z"));
    }

    @Test
    void restricting_both_day_fields_fires_on_days_matching_either_as_unix_cron_does() {
        // The 1st of the month, and every Monday: 2026-06-01 is a Monday, 2026-07-01 a Wednesday.
        assertThat(fires("0 0 1 * MON", UTC, "2026-06-20T00:00:00Z", 3))
                .isEqualTo(instants("2026-06-22T00:00:00Z", "2026-06-29T00:00:00Z", "2026-07-01T00:00:00Z"));
        assertThat(fires("0 12 * * 7", UTC, "2026-01-01T00:00:00Z", 1)).isEqualTo(instants("2026-01-04T12:00:00Z"));
        assertThat(fires("0 0 29 2 *", UTC, "2026-01-01T00:00:00Z", 1)).isEqualTo(instants("2028-02-29T00:00:00Z"));
    }

    @Test
    void a_daily_time_inside_the_spring_forward_gap_fires_once_when_the_clock_has_jumped() {
        // 02:30 does not exist on 29 March: it fires at 03:30 CEST (01:30 UTC), the day is not lost.
        assertThat(fires("30 2 * * *", PARIS, "2026-03-27T12:00:00Z", 4)).isEqualTo(instants(
                "2026-03-28T01:30:00Z", "2026-03-29T01:30:00Z", "2026-03-30T00:30:00Z", "2026-03-31T00:30:00Z"));
    }

    @Test
    void a_daily_time_repeated_by_fall_back_fires_once_at_its_first_occurrence() {
        // 02:30 happens at 00:30 UTC (CEST) and again at 01:30 UTC (CET) on 25 October: one fire, the first.
        assertThat(fires("30 2 * * *", PARIS, "2026-10-23T12:00:00Z", 4)).isEqualTo(instants(
                "2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z", "2026-10-27T01:30:00Z"));
    }

    @Test
    void daily_times_outside_the_changes_keep_their_wall_clock_time() {
        assertThat(fires("0 9 * * *", PARIS, "2026-03-28T00:00:00Z", 3)).isEqualTo(instants(
                "2026-03-28T08:00:00Z", "2026-03-29T07:00:00Z", "2026-03-30T07:00:00Z"));
        assertThat(fires("0 9 * * *", PARIS, "2026-10-24T00:00:00Z", 3)).isEqualTo(instants(
                "2026-10-24T07:00:00Z", "2026-10-25T08:00:00Z", "2026-10-26T08:00:00Z"));
    }

    @Test
    void an_hourly_job_stays_hourly_in_real_time_across_both_changes() {
        assertThat(fires("0 * * * *", PARIS, "2026-03-28T23:30:00Z", 4)).isEqualTo(instants(
                "2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z", "2026-03-29T02:00:00Z", "2026-03-29T03:00:00Z"));
        assertThat(fires("@hourly", PARIS, "2026-10-24T22:30:00Z", 5)).isEqualTo(instants(
                "2026-10-24T23:00:00Z", "2026-10-25T00:00:00Z", "2026-10-25T01:00:00Z", "2026-10-25T02:00:00Z",
                "2026-10-25T03:00:00Z"));
        assertThat(fires("*/30 * * * *", PARIS, "2026-10-25T00:10:00Z", 4)).isEqualTo(instants(
                "2026-10-25T00:30:00Z", "2026-10-25T01:00:00Z", "2026-10-25T01:30:00Z", "2026-10-25T02:00:00Z"));
    }

    @Test
    void an_hourly_job_started_inside_the_repeated_hour_finds_its_next_fire() {
        // 02:10 CEST (00:10 UTC) and 02:10 CET (01:10 UTC) both look like 02:10 on the wall clock.
        assertThat(fires("0 * * * *", PARIS, "2026-10-25T00:10:00Z", 2))
                .isEqualTo(instants("2026-10-25T01:00:00Z", "2026-10-25T02:00:00Z"));
        assertThat(fires("0 * * * *", PARIS, "2026-10-25T01:10:00Z", 1)).isEqualTo(instants("2026-10-25T02:00:00Z"));
        assertThat(fires("30 2 * * *", PARIS, "2026-10-25T01:10:00Z", 1)).isEqualTo(instants("2026-10-26T01:30:00Z"));
    }

    @Test
    void times_a_gap_shifts_onto_real_times_fire_once() {
        // 02:15 and 02:45 do not exist; they fire at 03:15 and 03:45, which the expression names too.
        assertThat(fires("15,45 2,3 * * *", PARIS, "2026-03-29T00:00:00Z", 3)).isEqualTo(instants(
                "2026-03-29T01:15:00Z", "2026-03-29T01:45:00Z", "2026-03-30T00:15:00Z"));
    }

    @Test
    void invalid_expressions_say_which_field_and_why() {
        assertThatThrownBy(() -> CronSchedule.parse("61 * * * *", UTC)).isInstanceOf(TimingException.class)
                .hasMessageContaining("minute field '61'").hasMessageContaining("59");
        assertThatThrownBy(() -> CronSchedule.parse("0 9 * * MON-FRII", UTC)).hasMessageContaining("day-of-week field");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 L * *", UTC)).hasMessageContaining("day-of-month field 'L'");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 9 * * *", UTC)).hasMessageContaining("6 fields")
                .hasMessageContaining("seconds");
        assertThatThrownBy(() -> CronSchedule.parse("* * *", UTC)).hasMessageContaining("3 fields");
        assertThatThrownBy(() -> CronSchedule.parse("@every 5m", UTC)).hasMessageContaining("not a shortcut");
        assertThatThrownBy(() -> CronSchedule.parse("", UTC)).hasMessage("is empty");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 30 2 *", UTC)).hasMessageContaining("never fires");
        assertThatThrownBy(() -> CronSchedule.parse("1,".repeat(150) + "1 * * * *", UTC)).hasMessageContaining("maximum is 200");
    }

    @Test
    void unknown_time_zones_suggest_the_closest_iana_names() {
        assertThat(TimeZones.parse("Europe/Paris")).isEqualTo(PARIS);
        assertThatThrownBy(() -> TimeZones.parse("Europe/Pariss")).isInstanceOf(TimingException.class)
                .satisfies(e -> assertThat(((TimingException) e).fix()).startsWith("did you mean Europe/Paris"));
        assertThat(TimeZones.closest("paris")).first().isEqualTo("Europe/Paris");
        assertThat(TimeZones.closest("america/new york")).first().isEqualTo("America/New_York");
        assertThatThrownBy(() -> TimeZones.parse("+02:00")).hasMessageContaining("offset");
        assertThatThrownBy(() -> TimeZones.parse("Europe/" + "x".repeat(1_000_000)))
                .hasMessageContaining("longer than any IANA time zone name");
        assertThatThrownBy(() -> TimeZones.parse("Mars/Olympus_Mons"))
                .satisfies(e -> assertThat(((TimingException) e).fix()).contains("UTC"));
    }
}
