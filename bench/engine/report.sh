# Sourced by bench/engine/run.sh: writes $RESULTS from $RECORDS (RESULT and STATS lines) and the statement lists.
# A hand-written analysis below the marker line of an existing results file is kept (it is about the run it names).

ANALYSIS_MARKER='<!-- analysis: written by hand after a run; kept when the script rewrites the figures above -->'

write_report() {
    local out=$RESULTS kept=""
    mkdir -p "$(dirname "$out")"
    if [[ -f "$out" ]] && grep -qF "$ANALYSIS_MARKER" "$out"; then
        kept=$(sed -n "/$(printf '%s' "$ANALYSIS_MARKER" | sed 's/[][\/.*^$]/\\&/g')/,\$p" "$out")
    fi
    local commit
    commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
    git -C "$ROOT" diff --quiet HEAD -- . ':!bench/results' 2>/dev/null || commit+=", with uncommitted changes"
    local other_max
    other_max=$(awk '/^system=/ {for (i = 1; i <= NF; i++) if ($i ~ /^cpu_other=/) {split($i, kv, "="); if (kv[2] > m) m = kv[2]}} END {print m + 0}' "$RECORDS")
    {
        echo "# bench/engine results"
        echo
        echo "Written by \`bash bench/engine/run.sh\`$([[ $QUICK == 1 ]] && echo " (QUICK=1)") on $(date -u '+%Y-%m-%d %H:%M UTC') (commit $commit)."
        echo
        echo "Each phase keeps **$CONCURRENCY executions in flight** (closed loop: a client starts one, waits for it to end,"
        echo "starts the next) for ${DURATION} s after a warm-up (${WARMUP} s on a fresh process, ${SETTLE} s before a later phase)."
        echo "**three-step**: three \`set\` steps (no tool call, no expression); **one-step**: one. AgentPlane is driven over"
        echo "HTTP by a separate load-generator process (bench/engine/java/LoadGen.java); the references run their clients"
        echo "in their own process (they are libraries) and do the same work as chained jobs: a job's handler enqueues the"
        echo "next step's job, and an execution has ended when its last job's completion is in the database."
        echo
        echo "## Results"
        echo
        echo "| system | database | workflow | executions/s | steps/s | p50 ms | p99 ms | notes |"
        echo "|---|---|---|---:|---:|---:|---:|---|"
        awk '/^system=/ {
                delete f
                for (i = 1; i <= NF; i++) {eq = index($i, "="); f[substr($i, 1, eq - 1)] = substr($i, eq + 1)}
                db = f["db"] == "postgresql-async" ? "postgresql, synchronous_commit=off" : f["db"]
                wf = f["workflow"]; sub(/^bench-/, "", wf)
                notes = ""
                if (f["system"] == "agentplane") {
                    p50 = f["server_p50_ms"]; p99 = f["server_p99_ms"]
                    notes = sprintf("latency from the server'"'"'s started_at/completed_at (ms resolution); client view p50 %.1f / p99 %.1f ms incl. ≤ 1 poll; start request p50 %.1f ms", f["client_p50_ms"], f["client_p99_ms"], f["start_p50_ms"])
                } else {
                    p50 = f["client_p50_ms"]; p99 = f["client_p99_ms"]
                    notes = "in-process clock, enqueue of the first job → last job completed; " f["steps"] " job(s) per execution"
                    if (f["system"] == "db-scheduler") notes = notes ", " f["threads"] " threads, pool " f["pool"]
                    if (f["system"] == "graphile-worker") notes = notes ", " f["jobs"] " concurrent jobs" (f["batching"] == 1 ? ", local queue + batched completion" : "")
                }
                bad = f["failed"] + f["unfinished"] + f["start_errors"] + f["poll_errors"]
                if (bad > 0) notes = notes "; **" f["failed"] " failed, " f["unfinished"] " unfinished, " (f["start_errors"] + f["poll_errors"]) " request errors**"
                if (f["cpu_other"] > 5) notes = notes "; other processes took " f["cpu_other"] "% of the CPU"
                printf "| %s | %s | %s | %.0f | %.0f | %.1f | %.1f | %s |\n", f["system"], db, wf, f["eps"], f["steps_per_s"], p50, p99, notes
            }' "$RECORDS"
        echo
        echo "### Targets (issue 4, item 11: PostgreSQL, three-step)"
        echo
        awk -v et="$EPS_TARGET" -v pt="$P50_TARGET" '/^system=/ {
                delete f
                for (i = 1; i <= NF; i++) {eq = index($i, "="); f[substr($i, 1, eq - 1)] = substr($i, eq + 1)}
                wf = f["workflow"]; sub(/^bench-/, "", wf)
                eps[f["system"] "|" f["db"] "|" wf] = f["eps"]
                if (f["system"] == "agentplane") p50[f["db"] "|" wf] = f["server_p50_ms"]
            }
            END {
                if (!(("agentplane|postgresql|three-step") in eps)) {print "- AgentPlane on PostgreSQL, three-step: not measured in this run"; exit}
                a = eps["agentplane|postgresql|three-step"] + 0; p = p50["postgresql|three-step"] + 0
                printf "- ≥ %d three-step executions/s: **%.0f/s — %s**\n", et, a, (a >= et ? "met" : "not met")
                printf "- p50 start→complete ≤ %d ms: **%.1f ms — %s**\n", pt, p, (p <= pt ? "met" : "not met")
                d = eps["db-scheduler|postgresql|three-step"] + 0; d1 = eps["db-scheduler|postgresql|one-step"] + 0
                if (("db-scheduler|postgresql|three-step") in eps) printf "- at least db-scheduler'"'"'s no-op throughput (same work, 3 chained tasks): **%.0f vs %.0f executions/s — %s**\n", a, d, (a >= d ? "met" : "not met")
                o = eps["agentplane|postgresql|one-step"] + 0
                if ((("db-scheduler|postgresql|one-step") in eps) && (("agentplane|postgresql|one-step") in eps)) printf "- the same for single-step work: %.0f vs %.0f executions/s (%s)\n", o, d1, (o >= d1 ? "met" : "not met")
                g = eps["graphile-worker|postgresql|three-step"] + 0
                if (("graphile-worker|postgresql|three-step") in eps) printf "- graphile-worker, same work: %.0f executions/s\n", g
            }' "$RECORDS"
        echo
        echo "## Where the CPU went"
        echo
        echo "Share of all $NPROC cores during each measured window (from /proc): the server (a reference's own process,"
        echo "which also runs its clients), PostgreSQL (the postmaster and all its backends), the load generator (AgentPlane"
        echo "only) and **other** (everything else on the machine: a large value means the run competed with unrelated work)."
        echo
        echo "| system | database | workflow | server | database | load generator | other | server CPU ms/execution | database CPU ms/execution | load generator CPU ms/execution |"
        echo "|---|---|---|---:|---:|---:|---:|---:|---:|---:|"
        awk -v n="$NPROC" '/^system=/ {
                delete f
                for (i = 1; i <= NF; i++) {eq = index($i, "="); f[substr($i, 1, eq - 1)] = substr($i, eq + 1)}
                wf = f["workflow"]; sub(/^bench-/, "", wf)
                r = f["eps"] > 0 ? f["eps"] : 1
                printf "| %s | %s | %s | %s%% | %s%% | %s%% | %s%% | %.2f | %.2f | %.2f |\n", f["system"], f["db"], wf,
                    f["cpu_server"], f["cpu_db"], f["cpu_load"], f["cpu_other"],
                    f["cpu_server"] / 100 * n * 1000 / r, f["cpu_db"] / 100 * n * 1000 / r, f["cpu_load"] / 100 * n * 1000 / r
            }' "$RECORDS"
        echo
        echo "## Database work per execution (PostgreSQL)"
        echo
        echo "Over each whole phase (warm-up, window and drain), divided by the executions started in it: statements"
        echo "(pg_stat_statements, without the load generator's lists of executions), commits, WAL flushes (group commit"
        echo "lets one flush serve several commits) and their mean duration (track_wal_io_timing); and what the system's"
        echo "busy connections were doing, sampled five times a second from pg_stat_activity (\`cpu-or-client\`: running or"
        echo "waiting for the client; \`Lock:*\`/\`LWLock:*\`: waiting for a lock; \`IO:WALSync\`/\`IO:WALWrite\`: the commit's flush)."
        echo
        echo "| phase | executions | statements/execution | commits/execution | WAL flushes/execution | mean WAL flush ms | busy connections were |"
        echo "|---|---:|---:|---:|---:|---:|---|"
        awk '/^STATS / {
                delete f
                for (i = 2; i <= NF; i++) {eq = index($i, "="); f[substr($i, 1, eq - 1)] = substr($i, eq + 1)}
                match($0, /label=.* executions=/); label = substr($0, RSTART + 6, RLENGTH - 18)
                e = f["executions"] > 0 ? f["executions"] : 1
                w = f["waits"]; gsub(/,/, ", ", w)
                printf "| %s | %d | %.1f | %.2f | %.2f | %.2f | %s |\n", label, f["executions"], f["statements"] / e,
                    f["commits"] / e, f["wal_syncs"] / e, (f["wal_syncs"] > 0 ? f["wal_sync_ms"] / f["wal_syncs"] : 0), w
            }' "$RECORDS"
        echo
        echo "<details><summary>The most frequent statements of each phase (calls, calls per execution, mean ms, statement)</summary>"
        echo
        echo '```'
        cat "$WORK/statements.txt"
        echo '```'
        echo
        echo "</details>"
        echo
        echo "## Machine and settings"
        echo
        echo "- CPU: $NPROC cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)); memory $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo); $(uname -sr)"
        if awk -v m="$other_max" 'BEGIN {exit !(m <= 5)}'; then
            echo "- The machine was otherwise idle while measuring: processes outside the benchmark used at most $other_max% of the CPU in any window."
        else
            echo "- **The machine was NOT idle**: processes outside the benchmark used up to $other_max% of the CPU in a window (the \"other\" column), so the figures understate what the systems can do."
        fi
        echo "- Load average before the run: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg) (it includes this benchmark's own threads)."
        echo "- JDK: $("$JAVA" -version 2>&1 | head -1); server JVM options: ${JVM_OPTS:-none (defaults)}; database pool: ${POOL_SIZE:-server default}"
        echo "- AgentPlane engine: the server's defaults (EngineSettings.defaults(): 64 workers, claims of up to 32, 500 ms poll, LISTEN/NOTIFY wake-ups on PostgreSQL); log level $SERVER_LOG_LEVEL"
        echo "- Load generator: $CONCURRENCY closed-loop clients on virtual threads (java.net.http, HTTP/1.1 keep-alive), one list of running executions every ${POLL_MS} ms"
        [[ -n "${PG_VERSION:-}" ]] && echo "- PostgreSQL: $PG_VERSION; $PG_SETTINGS${PG_EXTRA:+; extra: $PG_EXTRA}; pg_stat_statements loaded; synchronous_commit=off only for the rows that say so; $([[ $ANALYZE == 1 ]] && echo "each phase's database analyzed two thirds into its warm-up" || echo "no ANALYZE by the script (BENCH_ANALYZE=0)")"
        [[ -n "${DBSCHEDULER_VERSION:-}" ]] && echo "- db-scheduler $DBSCHEDULER_VERSION (Maven Central): \`pollUsingLockAndFetch(0.5, 1.0)\`, \`enableImmediateExecution()\`, $REF_WORKERS threads, HikariCP"
        [[ -n "${GRAPHILE_VERSION:-}" ]] && echo "- graphile-worker $GRAPHILE_VERSION (npm; Node $(node --version)): $REF_WORKERS concurrent jobs$([[ $GRAPHILE_BATCHING == 1 ]] && echo ", \`localQueue.size\` $((REF_WORKERS + 1)), \`completeJobBatchDelay\` 0 (its performance page's settings)")"
        echo "- Storage: $(df -T "$WORK" | awk 'NR == 2 {print $2 " on " $1}'); everything on this one machine, all traffic over 127.0.0.1"
        echo
        echo "## Raw records"
        echo
        echo '```'
        cat "$RECORDS"
        echo '```'
        if [[ -n "$kept" ]]; then
            echo
            echo "$kept"
        fi
    } >"$out"
    log "wrote $out"
}
