import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives an AgentPlane server over HTTP at a steady concurrency: {@code concurrency} virtual-thread clients each
 * start an execution ({@code POST /v1/executions}), wait until it has ended, and start the next. One poller lists
 * the running executions ({@code GET /v1/executions?status=running}) every {@code poll_ms}; an
 * execution whose start had answered before the list was asked for and that is no longer in it has ended.
 *
 * <p>After the measured window it reads every execution of the window back through the API and reports:
 * executions/s (executions whose {@code completed_at} falls in the window, per second), and start→complete latency
 * from the server's own timestamps ({@code completed_at - started_at}, millisecond resolution) of the executions
 * started in the window. The client's view (start request sent → poller saw it end) is reported beside it; it
 * includes up to one poll interval. Prints one {@code RESULT key=value …} line.
 */
public final class LoadGen {
    private record Pending(String id, long sentNanos, long answeredNanos, CompletableFuture<Long> ended) {}

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor()).connectTimeout(Duration.ofSeconds(10)).build();
    private final String url;
    private final String token;
    private final String workflow;
    private final int concurrency;
    private final long pollMillis;
    private final Map<String, Pending> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong startErrors = new AtomicLong();
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong pollErrors = new AtomicLong();
    private volatile boolean stopClients;
    private volatile boolean stopPoller;
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;
    private final Stats clientLatency = new Stats();
    private final Stats startLatency = new Stats();
    private String lastError = "";

    private LoadGen(String url, String token, String workflow, int concurrency, long pollMillis) {
        this.url = url;
        this.token = token;
        this.workflow = workflow;
        this.concurrency = concurrency;
        this.pollMillis = pollMillis;
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = BenchSupport.arguments(argv);
        LoadGen gen = new LoadGen(BenchSupport.required(args, "url"), BenchSupport.required(args, "token"),
                BenchSupport.required(args, "workflow"), Integer.parseInt(args.getOrDefault("concurrency", "32")),
                Long.parseLong(args.getOrDefault("poll_ms", "5")));
        Cpu cpu = new Cpu(Long.parseLong(args.getOrDefault("server_pid", "0")), Long.parseLong(args.getOrDefault("db_pid", "0")),
                Long.parseLong(args.getOrDefault("clk_tck", "100")));
        int steps = Integer.parseInt(args.getOrDefault("steps", "3"));
        System.out.println(gen.run(Integer.parseInt(args.getOrDefault("warmup", "10")),
                Integer.parseInt(args.getOrDefault("duration", "30")), steps, cpu, args.getOrDefault("label", "")));
        System.exit(0);
    }

    private String run(int warmupSeconds, int durationSeconds, int steps, Cpu cpu, String label) throws Exception {
        Thread poller = Thread.ofVirtual().start(this::poll);
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            clients.add(Thread.ofVirtual().start(this::client));
        }
        Thread.sleep(warmupSeconds * 1000L);
        long startWall = System.currentTimeMillis();
        windowStart = System.nanoTime();
        Cpu.Snapshot before = cpu.snapshot();
        long pollsBefore = polls.get();
        Thread.sleep(durationSeconds * 1000L);
        Cpu.Snapshot after = cpu.snapshot();
        windowEnd = System.nanoTime();
        long endWall = System.currentTimeMillis();
        long pollCount = polls.get() - pollsBefore;
        stopClients = true;
        for (Thread client : clients) {
            client.join(Duration.ofSeconds(60));
        }
        int unfinished = inFlight.size();
        stopPoller = true;
        poller.join(Duration.ofSeconds(10));

        // The server's record of every execution that could have completed in the window.
        List<Map<String, Object>> executions = listSince(Instant.ofEpochMilli(startWall - 60_000));
        double seconds = (endWall - startWall) / 1000.0;
        Stats latency = new Stats();
        long completedInWindow = 0;
        long startedInWindow = 0;
        long failed = 0;
        long completedStartedInWindow = 0;
        for (Map<String, Object> execution : executions) {
            long started = Instant.parse((String) execution.get("started_at")).toEpochMilli();
            Object completedText = execution.get("completed_at");
            String status = (String) execution.get("status");
            long completed = completedText == null ? -1 : Instant.parse((String) completedText).toEpochMilli();
            boolean startedIn = started >= startWall && started < endWall;
            if ("completed".equals(status) && completed >= startWall && completed < endWall) {
                completedInWindow++;
            }
            if (startedIn) {
                startedInWindow++;
                if ("completed".equals(status)) {
                    completedStartedInWindow++;
                    latency.add(completed - started);
                } else if (!"running".equals(status)) {
                    failed++;
                }
            }
        }
        double rate = completedInWindow / seconds;
        return "RESULT " + label + " workflow=" + workflow + " steps=" + steps + " concurrency=" + concurrency
                + " duration_s=" + BenchSupport.format(seconds) + " executions=" + completedInWindow
                + " eps=" + BenchSupport.format(rate) + " steps_per_s=" + BenchSupport.format(rate * steps)
                + " started=" + startedInWindow + " completed_of_started=" + completedStartedInWindow + " failed=" + failed
                + " unfinished=" + unfinished + " total_started=" + started.get() + " start_errors=" + startErrors.get() + " poll_errors=" + pollErrors.get()
                + " polls_per_s=" + BenchSupport.format(pollCount / seconds) + " poll_ms=" + pollMillis
                + " " + latency.summary("server") + " " + clientLatency.summary("client") + " "
                + startLatency.summary("start") + " " + cpu.between(before, after)
                + (lastError.isEmpty() ? "" : " last_error=" + lastError.replace(' ', '_'));
    }

    /** One closed-loop client: start an execution, wait until it ended, again. */
    private void client() {
        String body = "{\"workflow\":\"" + workflow + "\",\"input\":{}}";
        while (!stopClients) {
            long sent = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(request("/v1/executions")
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                long answered = System.nanoTime();
                if (response.statusCode() != 201) {
                    error("start answered " + response.statusCode() + ": " + response.body());
                    startErrors.incrementAndGet();
                    BenchSupport.sleep(100);
                    continue;
                }
                @SuppressWarnings("unchecked")
                String id = (String) ((Map<String, Object>) Json.parse(response.body())).get("id");
                started.incrementAndGet();
                Pending pending = new Pending(id, sent, answered, new CompletableFuture<>());
                inFlight.put(id, pending);
                long ended = pending.ended().join();
                if (sent >= windowStart && sent < windowEnd) {
                    startLatency.add((answered - sent) / 1e6);
                    clientLatency.add((ended - sent) / 1e6);
                }
            } catch (Exception e) {
                error("start failed: " + e);
                startErrors.incrementAndGet();
                BenchSupport.sleep(100);
            }
        }
    }

    /** Lists the running executions; those answered before the list was asked for and missing from it have ended. */
    private void poll() {
        // By status only (an index range over the few running executions); with the workflow too, PostgreSQL walked
        // the workflow's index backwards over every finished execution (4.5 ms a list after 8,000 executions). The
        // script runs one workflow at a time, so the running executions are this workflow's.
        String path = "/v1/executions?status=running&limit=200";
        while (!stopPoller || !inFlight.isEmpty()) {
            long asked = System.nanoTime();
            try {
                Set<String> running = new HashSet<>();
                String cursor = null;
                do {
                    HttpResponse<String> response = http.send(request(path + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)))
                            .GET().build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("list answered " + response.statusCode() + ": " + response.body());
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, Object> page = (Map<String, Object>) Json.parse(response.body());
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
                    items.forEach(item -> running.add((String) item.get("id")));
                    cursor = (String) page.get("next_cursor");
                } while (cursor != null);
                polls.incrementAndGet();
                long now = System.nanoTime();
                for (Pending pending : inFlight.values()) {
                    if (pending.answeredNanos() < asked && !running.contains(pending.id())) {
                        inFlight.remove(pending.id());
                        pending.ended().complete(now);
                    }
                }
            } catch (Exception e) {
                pollErrors.incrementAndGet();
                error("poll failed: " + e);
                BenchSupport.sleep(100);
            }
            BenchSupport.sleep(pollMillis);
        }
    }

    /** Every execution of the workflow started since {@code since}, through the paged list. */
    private List<Map<String, Object>> listSince(Instant since) throws Exception {
        List<Map<String, Object>> all = new ArrayList<>();
        String base = "/v1/executions?limit=200&workflow=" + URLEncoder.encode(workflow, StandardCharsets.UTF_8) + "&from="
                + URLEncoder.encode(since.toString(), StandardCharsets.UTF_8);
        String cursor = null;
        do {
            HttpResponse<String> response = http.send(request(base + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8))).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("list answered " + response.statusCode() + ": " + response.body());
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> page = (Map<String, Object>) Json.parse(response.body());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
            all.addAll(items);
            cursor = (String) page.get("next_cursor");
        } while (cursor != null);
        return all;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
    }

    private synchronized void error(String message) {
        if (lastError.isEmpty()) {
            System.err.println("loadgen: " + message);
        }
        lastError = message.length() > 200 ? message.substring(0, 200) : message;
    }
}
