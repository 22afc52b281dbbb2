import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The db-scheduler reference: the same no-op work as an AgentPlane execution, as chained one-time tasks. An
 * "execution" of {@code steps} steps is task {@code step1} of a fresh instance id, whose handler schedules
 * {@code step2} of the same id for now, and so on; the execution has ended when the last task's execution is
 * complete (db-scheduler has deleted its row). {@code concurrency} virtual-thread clients in this process each
 * schedule an execution and wait for it to end, like the AgentPlane load generator's clients (there is no HTTP:
 * db-scheduler is a library). Polling is lock-and-fetch ({@code SELECT … FOR UPDATE SKIP LOCKED} marking rows picked
 * in the same statement), with immediate execution so a task scheduled for now is looked for at once.
 */
public final class DbSchedulerReference {
    private final Map<String, CompletableFuture<Long>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong chainsEnded = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong started = new AtomicLong();
    private volatile boolean stop;
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;
    private final Stats latency = new Stats();

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = BenchSupport.arguments(argv);
        int steps = Integer.parseInt(args.getOrDefault("steps", "3"));
        int concurrency = Integer.parseInt(args.getOrDefault("concurrency", "32"));
        int threads = Integer.parseInt(args.getOrDefault("threads", "32"));
        int pool = Integer.parseInt(args.getOrDefault("pool", String.valueOf(threads + 4)));
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(BenchSupport.required(args, "jdbc_url"));
        config.setUsername(args.getOrDefault("user", "postgres"));
        config.setMaximumPoolSize(pool);
        config.setMinimumIdle(pool);
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            createTable(dataSource);
            Cpu cpu = new Cpu(ProcessHandle.current().pid(), Long.parseLong(args.getOrDefault("db_pid", "0")),
                    Long.parseLong(args.getOrDefault("clk_tck", "100")));
            String result = new DbSchedulerReference().run(dataSource, steps, concurrency, threads,
                    Integer.parseInt(args.getOrDefault("warmup", "5")), Integer.parseInt(args.getOrDefault("duration", "30")), cpu);
            System.out.println("RESULT " + args.getOrDefault("label", "") + " workflow=" + (steps == 1 ? "one-step" : steps == 3 ? "three-step" : steps + "-step")
                    + " steps=" + steps + " concurrency=" + concurrency + " threads=" + threads + " pool=" + pool + " " + result);
        }
        System.exit(0);
    }

    /** The table of db-scheduler's PostgreSQL schema (postgresql_tables.sql of the 16.x line), created afresh. */
    private static void createTable(HikariDataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS scheduled_tasks");
            statement.execute("""
                    CREATE TABLE scheduled_tasks (
                      task_name text NOT NULL, task_instance text NOT NULL, task_data bytea,
                      execution_time timestamp with time zone NOT NULL, picked BOOLEAN NOT NULL, picked_by text,
                      last_success timestamp with time zone, last_failure timestamp with time zone,
                      consecutive_failures INT, last_heartbeat timestamp with time zone, version BIGINT NOT NULL,
                      priority SMALLINT, PRIMARY KEY (task_name, task_instance))""");
            statement.execute("CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time)");
            statement.execute("CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat)");
            statement.execute("CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC)");
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
    }

    private String run(HikariDataSource dataSource, int steps, int concurrency, int threads, int warmupSeconds,
                       int durationSeconds, Cpu cpu) throws Exception {
        List<OneTimeTask<Void>> tasks = new ArrayList<>();
        for (int i = 1; i <= steps; i++) {
            tasks.add(null);
        }
        for (int i = steps; i >= 1; i--) {
            OneTimeTask<Void> next = i < steps ? tasks.get(i) : null;
            tasks.set(i - 1, Tasks.oneTime("step" + i).execute((instance, context) -> {
                if (next != null) {
                    context.getSchedulerClient().scheduleIfNotExists(SchedulableInstance.of(next.instance(instance.getId()), Instant.now()));
                }
            }));
        }
        String last = "step" + steps;
        Scheduler scheduler = Scheduler.create(dataSource, new ArrayList<>(tasks))
                .threads(threads)
                .pollUsingLockAndFetch(0.5, 1.0)
                .pollingInterval(Duration.ofSeconds(1))
                .enableImmediateExecution()
                .addSchedulerListener(new AbstractSchedulerListener() {
                    @Override
                    public void onExecutionComplete(ExecutionComplete complete) {
                        if (complete.getResult() != ExecutionComplete.Result.OK) {
                            failures.incrementAndGet();
                        }
                        if (complete.getExecution().taskInstance.getTaskName().equals(last)) {
                            CompletableFuture<Long> ended = waiting.remove(complete.getExecution().taskInstance.getId());
                            if (ended != null) {
                                ended.complete(System.nanoTime());
                            }
                        }
                    }
                })
                .build();
        scheduler.start();
        OneTimeTask<Void> first = tasks.get(0);
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            clients.add(Thread.ofVirtual().start(() -> {
                while (!stop) {
                    String id = UUID.randomUUID().toString();
                    CompletableFuture<Long> ended = new CompletableFuture<>();
                    waiting.put(id, ended);
                    long sent = System.nanoTime();
                    started.incrementAndGet();
                    scheduler.scheduleIfNotExists(SchedulableInstance.of(first.instance(id), Instant.now()));
                    long done = ended.join();
                    if (done >= windowStart && done < windowEnd) {
                        chainsEnded.incrementAndGet();
                    }
                    if (sent >= windowStart && sent < windowEnd) {
                        latency.add((done - sent) / 1e6);
                    }
                }
            }));
        }
        Thread.sleep(warmupSeconds * 1000L);
        windowStart = System.nanoTime();
        Cpu.Snapshot before = cpu.snapshot();
        Thread.sleep(durationSeconds * 1000L);
        windowEnd = System.nanoTime();
        Cpu.Snapshot after = cpu.snapshot();
        stop = true;
        for (Thread client : clients) {
            client.join(Duration.ofSeconds(60));
        }
        scheduler.stop();
        double seconds = (windowEnd - windowStart) / 1e9;
        double rate = chainsEnded.get() / seconds;
        return "duration_s=" + BenchSupport.format(seconds) + " executions=" + chainsEnded.get() + " eps=" + BenchSupport.format(rate)
                + " steps_per_s=" + BenchSupport.format(rate * steps) + " failed=" + failures.get() + " unfinished=" + waiting.size() + " total_started=" + started.get()
                + " " + latency.summary("client") + " " + cpu.between(before, after);
    }
}
