package dev.agentplane.schedules;

import dev.agentplane.common.EditDistance;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** IANA time zone names (as the JDK's tz database has them), and the closest ones to a name that is not one. */
public final class TimeZones {
    public static final String DEFAULT = "UTC";
    private static final Set<String> IDS = new TreeSet<>(ZoneId.getAvailableZoneIds());
    private static final int SUGGESTIONS = 3;
    /** Longer than every IANA name (the longest has 32 characters); nothing this long is compared with them. */
    private static final int MAX_LENGTH = 64;
    private static final Pattern FIXED_OFFSET = Pattern.compile("(?i)(utc|gmt|z)?\\s*[+-]\\d{1,2}(:?\\d{2})?");

    private TimeZones() {}

    /** The zone named exactly {@code name}; a {@link TimingException} suggests the closest names otherwise. */
    public static ZoneId parse(String name) {
        if (name != null && IDS.contains(name)) {
            return ZoneId.of(name);
        }
        if (name != null && name.length() > MAX_LENGTH) {
            throw new TimingException("is " + name.length() + " characters long, longer than any IANA time zone name",
                    "use a name such as UTC, Europe/Paris or America/New_York");
        }
        if (name != null && FIXED_OFFSET.matcher(name).matches()) {
            throw new TimingException("'" + name + "' is an offset from UTC, not an IANA time zone",
                    "use the region whose clock you mean, e.g. Europe/Paris (it follows daylight saving time), or Etc/GMT-2 "
                            + "for a fixed UTC+02:00 (Etc/ names invert the sign)");
        }
        List<String> closest = closest(name == null ? "" : name);
        throw new TimingException("'" + name + "' is not an IANA time zone",
                closest.isEmpty() ? "use a name such as UTC, Europe/Paris or America/New_York"
                        : "did you mean " + String.join(", ", closest) + "?");
    }

    /** The zones whose names are nearest to {@code name}: same city first, then the fewest edits. */
    static List<String> closest(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT).replace(' ', '_');
        String wantedCity = city(wanted);
        if (wanted.isEmpty()) {
            return List.of();
        }
        List<Candidate> near = IDS.stream()
                .map(id -> new Candidate(id, Math.min(EditDistance.between(wanted, id.toLowerCase(Locale.ROOT)),
                        EditDistance.between(wantedCity, city(id.toLowerCase(Locale.ROOT))))))
                .filter(c -> c.distance() <= Math.max(1, wantedCity.length() / 4))
                .sorted(Comparator.comparingInt(Candidate::distance).thenComparing(Candidate::id))
                .toList();
        // Only the nearest: "Europe/Pariss" suggests Europe/Paris, not every zone two letters away from it.
        return near.stream().filter(c -> c.distance() == near.getFirst().distance()).limit(SUGGESTIONS)
                .map(Candidate::id).toList();
    }

    private record Candidate(String id, int distance) {}

    private static String city(String id) {
        return id.substring(id.lastIndexOf('/') + 1);
    }
}
