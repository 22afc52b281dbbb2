#!/usr/bin/env bash
# bench/engine: the workflow engine under load. A real `agentplane server` on PostgreSQL and on SQLite runs a 3-step
# and a 1-step no-op workflow, started over HTTP by a separate load-generator process at a steady concurrency; in
# the same run, on the same PostgreSQL, db-scheduler (lock-and-fetch) and graphile-worker do the same no-op work as
# chained jobs. Run from the repository root, as root:  bash bench/engine/run.sh   (QUICK=1 for a short check)
# Writes bench/results/engine.md. Every setting below can be changed through the environment (see the README).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

QUICK=${QUICK:-0}
if [[ $QUICK == 1 ]]; then DEFAULT_DURATION=5; DEFAULT_WARMUP=3; else DEFAULT_DURATION=30; DEFAULT_WARMUP=10; fi
DURATION=${BENCH_DURATION:-$DEFAULT_DURATION}   # measured seconds of each phase
WARMUP=${BENCH_WARMUP:-$DEFAULT_WARMUP}         # seconds of load on a fresh server (or reference) before its first phase
SETTLE=${BENCH_SETTLE:-3}                        # seconds of load before each later phase of the same process
ASYNC_DURATION=${BENCH_ASYNC_DURATION:-$(( (DURATION + 1) / 2 ))}
CONCURRENCY=${BENCH_CONCURRENCY:-32}             # executions in flight (closed loop)
POLL_MS=${BENCH_POLL_MS:-5}                      # pause between the load generator's lists of running executions
SYSTEMS=${BENCH_SYSTEMS:-agentplane-postgresql agentplane-sqlite db-scheduler graphile-worker}
WORKFLOWS=${BENCH_WORKFLOWS:-three-step one-step}
PG_ASYNC=${BENCH_PG_ASYNC:-1}                    # also the 3-step workflow on PostgreSQL with synchronous_commit=off
REF_WORKERS=${BENCH_REF_WORKERS:-32}             # db-scheduler threads, graphile-worker concurrent jobs
GRAPHILE_BATCHING=${BENCH_GRAPHILE_BATCHING:-1}  # graphile-worker's local queue and batched completion (its perf page)
POOL_SIZE=${BENCH_POOL_SIZE:-}                   # AGENTPLANE_DATABASE_POOL_SIZE; empty = server default
JVM_OPTS=${BENCH_JVM_OPTS:-}
SERVER_LOG_LEVEL=${BENCH_SERVER_LOG_LEVEL:-WARN}
PG_BIN=${BENCH_PG_BIN:-/usr/lib/postgresql/15/bin}
PG_EXTRA=${BENCH_PG_SETTINGS:-}                  # more server settings, e.g. "-c autovacuum_naptime=1s"
RESULTS=${BENCH_RESULTS:-$ROOT/bench/results/engine.md}
TOKEN=ap_bench_$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')

# Targets (issue 4, item 11), on PostgreSQL, for the 3-step workflow.
EPS_TARGET=1000; P50_TARGET=20

log() { printf '%s bench/engine: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

# ---------------------------------------------------------------------------------------------- tools
find_java() {
    # shellcheck source=../../bin/lib/jdk.sh
    source "$ROOT/bin/lib/jdk.sh"
    JAVA_HOME_FOUND=$(find_jdk) || die "no JDK >= 21 (set JAVA_HOME)"
    JAVA=$JAVA_HOME_FOUND/bin/java
    JAVAC=$JAVA_HOME_FOUND/bin/javac
    [[ -x "$JAVAC" ]] || die "$JAVA_HOME_FOUND has no javac (a JDK is needed, not a JRE)"
}

ensure_jar() {
    if [[ -n "${BENCH_JAR:-}" ]]; then   # another build, e.g. to compare an engine change with the code before it
        JAR=$BENCH_JAR
        [[ -f "$JAR" ]] || die "BENCH_JAR=$JAR does not exist"
        return
    fi
    JAR=$ROOT/agentplane-cli/target/agentplane.jar
    if [[ ! -f "$JAR" ]] || [[ -n "$(find "$ROOT" -path '*/target' -prune -o -path '*/src/main/*' -newer "$JAR" -type f -print -quit)" ]] \
        || [[ "$ROOT/pom.xml" -nt "$JAR" ]]; then
        log "building $JAR"
        (cd "$ROOT" && JAVA_HOME=$JAVA_HOME_FOUND mvn -q -o package -DskipTests >/dev/null 2>&1) \
            || (cd "$ROOT" && JAVA_HOME=$JAVA_HOME_FOUND mvn -q package -DskipTests) \
            || die "the build failed"
    fi
}

wants() { [[ " $SYSTEMS " == *" $1 "* ]]; }

ensure_tools() {
    [[ $EUID -eq 0 ]] || die "run as root (PostgreSQL is started as the postgres user through runuser)"
    id postgres >/dev/null 2>&1 || die "there is no postgres user"
    [[ -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_ctl" ]] || die "no PostgreSQL binaries in $PG_BIN (BENCH_PG_BIN)"
    local tool
    for tool in curl psql awk sort ss; do
        command -v "$tool" >/dev/null || die "$tool is missing"
    done
    if wants graphile-worker; then
        command -v node >/dev/null && command -v npm >/dev/null || die "graphile-worker needs node and npm"
    fi
    if wants db-scheduler; then
        command -v mvn >/dev/null || die "db-scheduler's libraries are resolved with mvn"
    fi
}

free_port() {   # below the kernel's ephemeral range, so outgoing connections cannot take it meanwhile
    local port low
    low=$(awk '{print $1}' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
    for _ in $(seq 1 200); do
        port=$(( 12000 + RANDOM % (low - 12000) ))
        if [[ -z "$(ss -Htan "sport = :$port")" ]]; then
            echo "$port"
            return
        fi
    done
    die "no free port"
}

# The load generator and the db-scheduler reference are small Java programs compiled here; db-scheduler's libraries
# come from Maven Central (bench/engine/dbscheduler/pom.xml); graphile-worker from npm, into the work directory.
build_drivers() {
    mkdir -p "$WORK/classes"
    "$JAVAC" -d "$WORK/classes" "$HERE/java/BenchSupport.java" "$HERE/java/LoadGen.java" || die "compiling the load generator failed"
    if wants db-scheduler; then
        local pom=$HERE/dbscheduler/pom.xml
        (JAVA_HOME=$JAVA_HOME_FOUND mvn -q -o -f "$pom" dependency:build-classpath -Dmdep.outputFile="$WORK/dbscheduler.cp" >/dev/null 2>&1) \
            || (JAVA_HOME=$JAVA_HOME_FOUND mvn -q -f "$pom" dependency:build-classpath -Dmdep.outputFile="$WORK/dbscheduler.cp" >"$WORK/mvn.log" 2>&1) \
            || die "resolving db-scheduler failed: $(tail -5 "$WORK/mvn.log")"
        DBSCHEDULER_CP=$(cat "$WORK/dbscheduler.cp")
        DBSCHEDULER_VERSION=$(tr ':' '\n' <"$WORK/dbscheduler.cp" | sed -n 's|.*/db-scheduler-\([0-9.]*\)\.jar|\1|p')
        mkdir -p "$WORK/classes-dbscheduler"
        "$JAVAC" -d "$WORK/classes-dbscheduler" -cp "$DBSCHEDULER_CP" "$HERE/java/BenchSupport.java" \
            "$HERE/java/DbSchedulerReference.java" || die "compiling the db-scheduler reference failed"
    fi
    if wants graphile-worker; then
        mkdir -p "$WORK/graphile"
        cp "$HERE/graphile/package.json" "$HERE/graphile/bench.mjs" "$WORK/graphile/"
        (cd "$WORK/graphile" && npm install --no-audit --no-fund --loglevel=error >"$WORK/npm.log" 2>&1) \
            || die "npm install of graphile-worker failed: $(tail -5 "$WORK/npm.log")"
        GRAPHILE_VERSION=$(cd "$WORK/graphile" && node -p 'require("graphile-worker/package.json").version')
    fi
}

# ---------------------------------------------------------------------------------------------- cleanup
WORK=$(mktemp -d /tmp/agentplane-bench-engine.XXXXXX)
chmod 755 "$WORK"
SERVER_PID=
PG_DATA=
WATCH_PID=
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    [[ -n "$WATCH_PID" ]] && kill "$WATCH_PID" 2>/dev/null
    stop_server
    if [[ -n "$PG_DATA" && -f "$PG_DATA/postmaster.pid" ]]; then
        runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    if [[ "${BENCH_KEEP:-0}" == 1 ]]; then
        log "kept $WORK"
    else
        rm -rf "$WORK"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------- PostgreSQL
start_postgres() {
    PG_DATA=$WORK/pg
    PG_PORT=$(free_port)
    mkdir -p "$PG_DATA" && chown postgres "$PG_DATA"
    runuser -u postgres -- "$PG_BIN/initdb" -A trust -U postgres -E UTF8 --locale=C -D "$PG_DATA" >"$WORK/initdb.log" \
        || die "initdb failed: $(cat "$WORK/initdb.log")"
    # Durability stays at PostgreSQL's defaults (fsync, synchronous_commit, full_page_writes on). pg_stat_statements
    # counts the statements each system sends (top level: one per round trip); track_wal_io_timing says how long the WAL flushes of commits take.
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/postgres.log" -w -t 60 \
        -o "-p $PG_PORT -k $PG_DATA -c listen_addresses=127.0.0.1 -c max_connections=200 \
            -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=top -c track_wal_io_timing=on $PG_EXTRA" \
        start >/dev/null || die "PostgreSQL did not start: $(tail -5 "$PG_DATA/postgres.log")"
    local db
    for db in agentplane dbscheduler graphile; do
        psql_db postgres -c "CREATE DATABASE $db" >/dev/null
        psql_db "$db" -c "CREATE EXTENSION pg_stat_statements" >/dev/null
    done
    PG_VERSION=$(psql_db postgres -c "SELECT version()" | cut -d, -f1)
    PG_SETTINGS=""
    local s
    for s in fsync synchronous_commit full_page_writes wal_sync_method shared_buffers max_connections autovacuum_naptime \
             autovacuum_vacuum_scale_factor; do
        PG_SETTINGS+="$s=$(psql_db postgres -c "SHOW $s"), "
    done
    PG_SETTINGS=${PG_SETTINGS%, }
    PG_POSTMASTER=$(head -1 "$PG_DATA/postmaster.pid")
}
psql_db() { local db=$1; shift; psql -X -q -A -t -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$db" "$@"; }

# A fresh database's tables start empty, and the plans its connections prepare then stay cached until statistics
# change; autovacuum's first ANALYZE comes only after autovacuum_naptime (1 min). Measured on this machine, those
# early plans cost a 3-step execution 3-4x the PostgreSQL CPU (BENCH_ANALYZE=0 shows it). As pgbench does after its
# initialization, each phase therefore analyzes its database during the warm-up, as a database in service would be.
ANALYZE=${BENCH_ANALYZE:-1}
analyze_during_warmup() {   # db warmup-seconds: in the background, two thirds into the warm-up
    [[ $ANALYZE == 1 ]] || return 0
    local db=$1 delay
    delay=$(awk -v w="$2" 'BEGIN {printf "%.1f", w * 2 / 3}')
    (sleep "$delay" && psql_db "$db" -c "ANALYZE" >/dev/null 2>&1) &
}

set_synchronous_commit() {
    psql_db postgres -c "ALTER SYSTEM SET synchronous_commit = $1" -c "SELECT pg_reload_conf()" >/dev/null
    sleep 1   # (backends apply a reloaded setting between statements)
    [[ "$(psql_db postgres -c 'SHOW synchronous_commit')" == "$1" ]] || die "synchronous_commit did not become $1"
}

# Database-side counters of one phase: statements (pg_stat_statements), commits, WAL flushes and their time, and
# what the server's backends were waiting for (sampled from pg_stat_activity five times a second).
db_counters() {   # db -> "commits wal_syncs wal_sync_ms"
    psql_db "$1" -F' ' -c "SELECT xact_commit, (SELECT wal_sync FROM pg_stat_wal), (SELECT wal_sync_time FROM pg_stat_wal)
                           FROM pg_stat_database WHERE datname = current_database()"
}
db_phase_begin() {   # db
    psql_db "$1" -c "SELECT pg_stat_statements_reset()" >/dev/null
    read -r PHASE_COMMITS0 PHASE_SYNCS0 PHASE_SYNC_MS0 <<<"$(db_counters "$1")"
    : >"$WORK/waits.txt"
    printf 'SELECT %s\n\\watch 0.2\n' "coalesce(wait_event_type || ':' || wait_event, 'cpu-or-client'), state FROM pg_stat_activity
            WHERE datname = '$1' AND backend_type = 'client backend' AND pid <> pg_backend_pid()" \
        | psql -X -q -A -t -F' ' -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$1" >"$WORK/waits.txt" 2>/dev/null &
    WATCH_PID=$!
}
db_phase_end() {   # db label executions -> appends a STATS line and the statements of the phase
    local db=$1 label=$2 executions=$3
    kill "$WATCH_PID" 2>/dev/null || true
    wait "$WATCH_PID" 2>/dev/null || true
    WATCH_PID=
    local commits syncs sync_ms
    read -r commits syncs sync_ms <<<"$(db_counters "$db")"
    local statements
    statements=$(psql_db "$db" -c "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements
                                   WHERE query NOT ILIKE '%pg_stat%' AND query NOT ILIKE '%ORDER BY id DESC LIMIT%'")
    local waits
    waits=$(awk '$2 == "active" || $2 ~ /idle in transaction/ {n[$1]++; total++}
                 END {for (w in n) printf "%s=%.0f%%,", w, 100 * n[w] / total}' "$WORK/waits.txt" | sed 's/,$//')
    echo "STATS label=$label executions=$executions commits=$(( commits - PHASE_COMMITS0 )) wal_syncs=$(( syncs - PHASE_SYNCS0 ))" \
        "wal_sync_ms=$(awk -v a="$sync_ms" -v b="$PHASE_SYNC_MS0" 'BEGIN {printf "%.0f", a - b}') statements=$statements" \
        "waits=${waits:-none}" >>"$RECORDS"
    {
        echo "### $label ($executions executions started)"
        psql_db "$db" -F' | ' -c "SELECT calls, round((calls::numeric / greatest($executions, 1)), 2),
                                         round(mean_exec_time::numeric, 3), regexp_replace(left(query, 160), '\s+', ' ', 'g')
                                  FROM pg_stat_statements WHERE query NOT ILIKE '%pg_stat%' ORDER BY calls DESC LIMIT 25"
    } >>"$WORK/statements.txt"
}

# ---------------------------------------------------------------------------------------------- AgentPlane
start_server() {   # $1 = postgresql | sqlite
    local db=$1
    SERVER_PORT=$(free_port)
    local data=$WORK/data-$db
    mkdir -p "$data"
    local unset_env=()
    while IFS= read -r name; do unset_env+=(-u "$name"); done < <(env | awk -F= '/^AGENTPLANE_/ {print $1}')
    local db_env=()
    if [[ $db == postgresql ]]; then
        db_env=(AGENTPLANE_DATABASE_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/agentplane" AGENTPLANE_DATABASE_USER=postgres)
    fi
    [[ -n "$POOL_SIZE" ]] && db_env+=(AGENTPLANE_DATABASE_POOL_SIZE="$POOL_SIZE")
    local command=("$ROOT/bin/agentplane")   # as users start it; it execs java, so $! is the server's JVM
    # shellcheck disable=SC2206
    [[ -n "${BENCH_JAR:-}" ]] && command=("$JAVA" --enable-native-access=ALL-UNNAMED $JVM_OPTS -Xlog:gc:file="$WORK/gc-$db.log":uptime -jar "$JAR")
    env "${unset_env[@]}" "${db_env[@]}" AGENTPLANE_BOOTSTRAP_ADMIN_KEY="$TOKEN" AGENTPLANE_RATE_LIMITS_ADMIN=1000000000 \
        AGENTPLANE_LOG_LEVEL="$SERVER_LOG_LEVEL" JAVA_HOME="$JAVA_HOME_FOUND" \
        AGENTPLANE_JAVA_OPTS="$JVM_OPTS -Xlog:gc:file=$WORK/gc-$db.log:uptime" \
        "${command[@]}" server --port "$SERVER_PORT" --data-dir "$data" >"$WORK/server-$db.log" 2>&1 &
    SERVER_PID=$!
    local started=$SECONDS
    until curl -fsS -o /dev/null "http://127.0.0.1:$SERVER_PORT/health/ready" 2>/dev/null; do
        kill -0 "$SERVER_PID" 2>/dev/null || die "the server exited: $(tail -20 "$WORK/server-$db.log")"
        (( SECONDS - started < 90 )) || die "the server was not ready within 90 s: $(tail -20 "$WORK/server-$db.log")"
        sleep 0.2
    done
    log "server on $db ready in $(( SECONDS - started )) s (pid $SERVER_PID, port $SERVER_PORT)"
    create_workflows
}

stop_server() {
    [[ -n "${SERVER_PID:-}" ]] || return 0
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.2
    done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
}

# The two workflows: three `set` steps (no tool call, no expression: the engine's own cost per step) and one.
create_workflows() {
    local name body
    for name in three-step one-step; do
        if [[ $name == three-step ]]; then
            body=$'name: bench-three-step\nsteps:\n  - {id: s1, type: set, values: {n: 1}}\n  - {id: s2, type: set, values: {n: 2}}\n  - {id: s3, type: set, values: {n: 3}}\n'
        else
            body=$'name: bench-one-step\nsteps:\n  - {id: s1, type: set, values: {n: 1}}\n'
        fi
        curl -fsS -o /dev/null -X POST -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/yaml" \
            --data-binary "$body" "http://127.0.0.1:$SERVER_PORT/v1/workflows" || die "creating workflow $name failed"
    done
}

steps_of() { [[ $1 == three-step ]] && echo 3 || echo 1; }

# agentplane_phase DB-LABEL WORKFLOW WARMUP SECONDS: the load generator against the running server.
agentplane_phase() {
    local label=$1 workflow=$2 warmup=$3 seconds=$4
    local db_pid=0 out=$WORK/$label-$workflow.txt
    [[ $label == postgresql* ]] && db_pid=$PG_POSTMASTER
    [[ $label == postgresql* ]] && db_phase_begin agentplane && analyze_during_warmup agentplane "$warmup"
    local before=0
    [[ $label == postgresql* ]] && before=$(count_executions "bench-$workflow")
    "$JAVA" -XX:+UseSerialGC -Xmx256m -cp "$WORK/classes" LoadGen url="http://127.0.0.1:$SERVER_PORT" token="$TOKEN" \
        workflow="bench-$workflow" steps="$(steps_of "$workflow")" concurrency="$CONCURRENCY" warmup="$warmup" \
        duration="$seconds" poll_ms="$POLL_MS" server_pid="$SERVER_PID" db_pid="$db_pid" clk_tck="$CLK_TCK" \
        label="system=agentplane db=$label" >"$out" 2>"$out.err" || die "the load generator failed: $(tail -5 "$out.err")"
    grep '^RESULT ' "$out" | sed 's/^RESULT //' >>"$RECORDS" || die "no result from the load generator: $(tail -5 "$out.err")"
    if [[ $label == postgresql* ]]; then
        db_phase_end agentplane "agentplane $label $workflow" "$(( $(count_executions "bench-$workflow") - before ))"
    fi
    log "agentplane on $label, $workflow: $(summary_of "$(grep '^RESULT ' "$out")")"
}

count_executions() {   # workflow-name -> executions of that workflow so far, in the PostgreSQL database
    psql_db agentplane -c "SELECT count(*) FROM executions WHERE workflow_name = '$1'"
}

# ---------------------------------------------------------------------------------------------- references
dbscheduler_phase() {   # workflow warmup seconds
    local workflow=$1 warmup=$2 seconds=$3 out=$WORK/dbscheduler-$1.txt
    db_phase_begin dbscheduler
    analyze_during_warmup dbscheduler "$warmup"
    "$JAVA" -Xmx1g -cp "$WORK/classes-dbscheduler:$DBSCHEDULER_CP" DbSchedulerReference \
        jdbc_url="jdbc:postgresql://127.0.0.1:$PG_PORT/dbscheduler" steps="$(steps_of "$workflow")" \
        concurrency="$CONCURRENCY" threads="$REF_WORKERS" warmup="$warmup" duration="$seconds" db_pid="$PG_POSTMASTER" \
        clk_tck="$CLK_TCK" label="system=db-scheduler db=postgresql" >"$out" 2>"$out.err" \
        || die "the db-scheduler reference failed: $(tail -5 "$out.err")"
    grep '^RESULT ' "$out" | sed 's/^RESULT //' >>"$RECORDS" || die "no result from db-scheduler: $(tail -5 "$out.err")"
    db_phase_end dbscheduler "db-scheduler $workflow" "$(field "$(grep '^RESULT ' "$out")" total_started)"
    log "db-scheduler, $workflow: $(summary_of "$(grep '^RESULT ' "$out")")"
}

graphile_phase() {   # workflow warmup seconds
    local workflow=$1 warmup=$2 seconds=$3 out=$WORK/graphile-$1.txt
    db_phase_begin graphile
    analyze_during_warmup graphile "$warmup"
    (cd "$WORK/graphile" && node bench.mjs connection="postgres://postgres@127.0.0.1:$PG_PORT/graphile" \
        steps="$(steps_of "$workflow")" concurrency="$CONCURRENCY" jobs="$REF_WORKERS" batching="$GRAPHILE_BATCHING" \
        warmup="$warmup" duration="$seconds" db_pid="$PG_POSTMASTER" clk_tck="$CLK_TCK" \
        label="system=graphile-worker db=postgresql") >"$out" 2>"$out.err" \
        || die "the graphile-worker reference failed: $(tail -5 "$out.err")"
    grep '^RESULT ' "$out" | sed 's/^RESULT //' >>"$RECORDS" || die "no result from graphile-worker: $(tail -5 "$out.err")"
    db_phase_end graphile "graphile-worker $workflow" "$(field "$(grep '^RESULT ' "$out")" total_started)"
    log "graphile-worker, $workflow: $(summary_of "$(grep '^RESULT ' "$out")")"
}

# ---------------------------------------------------------------------------------------------- records
RECORDS=$WORK/records.txt
: >"$RECORDS"
: >"$WORK/statements.txt"

field() {   # field "k=v k2=v2" k2 -> v2
    awk -v want="$2" '{for (i = 1; i <= NF; i++) {split($i, kv, "="); if (kv[1] == want) {print substr($i, length(want) + 2); exit}}}' <<<"$1"
}
summary_of() {   # a RESULT line -> one readable line (latency: the server's timestamps when there are, else the client's)
    local line=$1 source=client
    [[ -n "$(field "$line" server_p50_ms)" ]] && source=server
    echo "$(field "$line" eps) executions/s, $(field "$line" steps_per_s) steps/s, p50 $(field "$line" ${source}_p50_ms) ms," \
        "p99 $(field "$line" ${source}_p99_ms) ms, failed $(field "$line" failed), other CPU $(field "$line" cpu_other)%"
}

# ---------------------------------------------------------------------------------------------- main
CLK_TCK=$(getconf CLK_TCK)
NPROC=$(nproc)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
find_java
ensure_tools
ensure_jar
build_drivers
start_postgres
log "load average before the run: $LOAD_BEFORE ($NPROC cores); work dir $WORK; PostgreSQL on port $PG_PORT"
RUN_STARTED=$SECONDS

for system in $SYSTEMS; do
    first=1
    case $system in
        agentplane-postgresql|agentplane-sqlite)
            db=${system#agentplane-}
            start_server "$db"
            for workflow in $WORKFLOWS; do
                agentplane_phase "$db" "$workflow" "$([[ $first == 1 ]] && echo "$WARMUP" || echo "$SETTLE")" "$DURATION"
                first=0
            done
            if [[ $db == postgresql && $PG_ASYNC == 1 && " $WORKFLOWS " == *" three-step "* ]]; then
                set_synchronous_commit off   # the running server's connections pick it up on reload
                agentplane_phase postgresql-async three-step "$SETTLE" "$ASYNC_DURATION"
                set_synchronous_commit on
            fi
            stop_server
            ;;
        db-scheduler)
            for workflow in $WORKFLOWS; do dbscheduler_phase "$workflow" "$WARMUP" "$DURATION"; done
            ;;
        graphile-worker)
            for workflow in $WORKFLOWS; do graphile_phase "$workflow" "$WARMUP" "$DURATION"; done
            ;;
        *) die "unknown system '$system' in BENCH_SYSTEMS" ;;
    esac
done
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null

source "$HERE/report.sh"
write_report
log "done in $(( SECONDS - RUN_STARTED )) s"
