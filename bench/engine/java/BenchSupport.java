import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** What the drivers of bench/engine share: arguments, CPU accounting from /proc, percentiles, a small JSON reader. */
final class BenchSupport {
    private BenchSupport() {}

    /** key=value arguments. */
    static Map<String, String> arguments(String[] args) {
        Map<String, String> map = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("arguments are key=value, not '" + arg + "'");
            }
            map.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return map;
    }

    static String required(Map<String, String> args, String key) {
        String value = args.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing argument " + key + "=…");
        }
        return value;
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

/**
 * CPU time from /proc, in clock ticks: of the whole machine (busy time of all cores), of one process, and of a
 * process tree (the process, its living descendants, and the children it already reaped, so short-lived
 * PostgreSQL backends are counted). A snapshot at the start and end of a measured window says where the CPU went.
 */
final class Cpu {
    record Snapshot(long nanos, long machine, long server, long database, long self) {}

    private final long serverPid;   // 0: none
    private final long databasePid; // the postmaster; 0: none (SQLite, inside the server)
    private final long clockTicks;
    private final int cores = Runtime.getRuntime().availableProcessors();

    Cpu(long serverPid, long databasePid, long clockTicks) {
        this.serverPid = serverPid;
        this.databasePid = databasePid;
        this.clockTicks = clockTicks;
    }

    Snapshot snapshot() {
        long self = ProcessHandle.current().pid();
        // A reference runs its load in its own process: all of it counts as the server's.
        return new Snapshot(System.nanoTime(), machineBusy(), serverPid == 0 ? 0 : ownTicks(serverPid),
                databasePid == 0 ? 0 : treeTicks(databasePid), serverPid == self ? 0 : ownTicks(self));
    }

    /**
     * Shares of all cores over the window, in percent: server, database, this load generator and everything else on
     * the machine ("other": a large value means the run competed with unrelated work).
     */
    String between(Snapshot a, Snapshot b) {
        double capacity = (b.nanos() - a.nanos()) / 1e9 * clockTicks * cores;
        long server = b.server() - a.server();
        long database = b.database() - a.database();
        long self = b.self() - a.self();
        long other = Math.max(0, b.machine() - a.machine() - server - database - self);
        return "cpu_server=" + pct(server, capacity) + " cpu_db=" + pct(database, capacity) + " cpu_load="
                + pct(self, capacity) + " cpu_other=" + pct(other, capacity) + " cores=" + cores;
    }

    private static String pct(long ticks, double capacity) {
        return String.format(Locale.ROOT, "%.1f", Math.max(0, 100.0 * ticks / capacity));
    }

    static long machineBusy() {
        try {
            String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
            long[] f = Arrays.stream(first.trim().split("\\s+")).skip(1).mapToLong(Long::parseLong).toArray();
            return f[0] + f[1] + f[2] + f[5] + f[6] + (f.length > 7 ? f[7] : 0); // user nice system irq softirq steal
        } catch (IOException e) {
            return 0;
        }
    }

    /** utime + stime of a process; with {@code reaped}, also cutime + cstime (its children that ended). */
    private static long[] stat(long pid) {
        try {
            String text = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = text.substring(text.lastIndexOf(')') + 2).trim().split("\\s+");
            // f[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17; ppid is field 4
            return new long[] {Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[13]) + Long.parseLong(f[14]),
                    Long.parseLong(f[1])};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0, -1};
        }
    }

    static long ownTicks(long pid) {
        return stat(pid)[0];
    }

    static long treeTicks(long root) {
        Map<Long, List<Long>> children = new HashMap<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            entries.map(p -> p.getFileName().toString()).filter(name -> name.chars().allMatch(Character::isDigit))
                    .mapToLong(Long::parseLong)
                    .forEach(pid -> children.computeIfAbsent(stat(pid)[2], k -> new ArrayList<>()).add(pid));
        } catch (IOException e) {
            return 0;
        }
        long total = stat(root)[1];
        List<Long> queue = new ArrayList<>(List.of(root));
        while (!queue.isEmpty()) {
            long pid = queue.remove(queue.size() - 1);
            total += stat(pid)[0];
            queue.addAll(children.getOrDefault(pid, List.of()));
        }
        return total;
    }
}

/** Percentiles by the nearest-rank method over recorded values. */
final class Stats {
    private double[] values = new double[1024];
    private int size;

    synchronized void add(double value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    synchronized int size() {
        return size;
    }

    /** "prefix_p50_ms=… prefix_p90_ms=… prefix_p99_ms=… prefix_max_ms=… prefix_mean_ms=…" */
    synchronized String summary(String prefix) {
        double[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        return prefix + "_p50_ms=" + BenchSupport.format(rank(sorted, 50)) + " " + prefix + "_p90_ms="
                + BenchSupport.format(rank(sorted, 90)) + " " + prefix + "_p99_ms=" + BenchSupport.format(rank(sorted, 99))
                + " " + prefix + "_max_ms=" + BenchSupport.format(sorted.length == 0 ? 0 : sorted[sorted.length - 1])
                + " " + prefix + "_mean_ms=" + BenchSupport.format(sorted.length == 0 ? 0 : sum / sorted.length);
    }

    private static double rank(double[] sorted, double percentile) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(sorted.length * percentile / 100.0);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }
}

/** Reads JSON into Map (objects), List (arrays), String, Double, Boolean and null: enough for the API's answers. */
final class Json {
    private final String text;
    private int at;

    private Json(String text) {
        this.text = text;
    }

    static Object parse(String text) {
        Json json = new Json(text);
        Object value = json.value();
        json.space();
        if (json.at != text.length()) {
            throw json.error("trailing text");
        }
        return value;
    }

    private Object value() {
        space();
        if (at >= text.length()) {
            throw error("unexpected end");
        }
        char c = text.charAt(at);
        switch (c) {
            case '{': {
                at++;
                Map<String, Object> object = new LinkedHashMap<>();
                space();
                if (text.charAt(at) == '}') {
                    at++;
                    return object;
                }
                while (true) {
                    space();
                    String key = string();
                    space();
                    expect(':');
                    object.put(key, value());
                    space();
                    if (text.charAt(at) == ',') {
                        at++;
                    } else {
                        expect('}');
                        return object;
                    }
                }
            }
            case '[': {
                at++;
                List<Object> array = new ArrayList<>();
                space();
                if (text.charAt(at) == ']') {
                    at++;
                    return array;
                }
                while (true) {
                    array.add(value());
                    space();
                    if (text.charAt(at) == ',') {
                        at++;
                    } else {
                        expect(']');
                        return array;
                    }
                }
            }
            case '"':
                return string();
            case 't':
                at += 4;
                return Boolean.TRUE;
            case 'f':
                at += 5;
                return Boolean.FALSE;
            case 'n':
                at += 4;
                return null;
            default: {
                int start = at;
                while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                    at++;
                }
                if (start == at) {
                    throw error("unexpected '" + c + "'");
                }
                return Double.parseDouble(text.substring(start, at));
            }
        }
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = text.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\') {
                char e = text.charAt(at++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> out.append(e);
                }
            } else {
                out.append(c);
            }
        }
    }

    private void expect(char c) {
        if (at >= text.length() || text.charAt(at) != c) {
            throw error("expected '" + c + "'");
        }
        at++;
    }

    private void space() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("bad JSON at " + at + ": " + what);
    }
}
