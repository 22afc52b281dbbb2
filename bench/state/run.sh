#!/usr/bin/env bash
# bench/state: the state API under a 90/10 GET/PUT load, on PostgreSQL and on SQLite, next to pgbench
# running the same SQL straight against the same PostgreSQL database (the database's ceiling).
# Run from the repository root:  bash bench/state/run.sh      (see bench/state/README.md)
# Writes bench/results/state.md. Every setting below can be changed through the environment.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

DURATION=${BENCH_DURATION:-30}                 # seconds per main phase (90/10 mix, PUT-only on PostgreSQL)
SHORT_DURATION=${BENCH_SHORT_DURATION:-$(( (DURATION + 1) / 2 ))}   # SQLite PUT-only, synchronous_commit=off
WARMUP=${BENCH_WARMUP:-10}                     # seconds of load on a fresh server before measuring
KEYS=${BENCH_KEYS:-10000}
VALUE_BYTES=${BENCH_VALUE_BYTES:-1024}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
GET_SHARE=${BENCH_GET_SHARE:-0.9}
WRK_THREADS=${BENCH_WRK_THREADS:-2}            # wrk threads sharing the connections
PGBENCH_THREADS=${BENCH_PGBENCH_THREADS:-2}
DATABASES=${BENCH_DATABASES:-postgresql sqlite}
PUT_ONLY=${BENCH_PUT_ONLY:-1}                  # also run the PUT-only phase (PUT capacity)
PG_ASYNC=${BENCH_PG_ASYNC:-1}                  # also measure PostgreSQL with synchronous_commit=off
POOL_SIZE=${BENCH_POOL_SIZE:-}                 # AGENTPLANE_DATABASE_POOL_SIZE; empty = server default
SERVER_LOG_LEVEL=${BENCH_SERVER_LOG_LEVEL:-WARN}
JVM_OPTS=${BENCH_JVM_OPTS:-}
PG_BIN=${BENCH_PG_BIN:-/usr/lib/postgresql/15/bin}
RESULTS=${BENCH_RESULTS:-$ROOT/bench/results/state.md}
NAMESPACE=bench
TOKEN=ap_bench_$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')

# Targets (issue 2, item 8), on PostgreSQL.
GET_RPS_TARGET=10000; GET_P99_TARGET=10
PUT_RPS_TARGET=3000;  PUT_P99_TARGET=25

log() { printf '%s bench/state: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

# ---------------------------------------------------------------------------------------------- tools
find_java() {
    local candidate
    for candidate in ${JAVA_HOME:+"$JAVA_HOME"} /usr/lib/jvm/*; do
        if [[ -x "$candidate/bin/java" ]]; then
            local major
            major=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 \
                | awk -F= '/java.specification.version/ {gsub(/ /, "", $2); print $2}')
            if [[ -n "$major" && "$major" -ge 21 ]]; then
                JAVA_HOME_FOUND=$candidate
                return 0
            fi
        fi
    done
    die "no JDK >= 21 (set JAVA_HOME or install one under /usr/lib/jvm)"
}

ensure_jar() {
    JAR=${BENCH_JAR:-$ROOT/agentplane-cli/target/agentplane.jar}
    if [[ -n "${BENCH_JAR:-}" ]]; then
        [[ -f "$JAR" ]] || die "BENCH_JAR=$JAR does not exist"
        return
    fi
    if [[ ! -f "$JAR" ]] || [[ -n "$(find "$ROOT" -path '*/src/main/*' -newer "$JAR" -type f -print -quit)" ]] \
        || [[ "$ROOT/pom.xml" -nt "$JAR" ]]; then
        log "building $JAR"
        (cd "$ROOT" && JAVA_HOME=$JAVA_HOME_FOUND mvn -q -o package -DskipTests >/dev/null 2>&1) \
            || (cd "$ROOT" && JAVA_HOME=$JAVA_HOME_FOUND mvn -q package -DskipTests) \
            || die "the build failed"
    fi
}

ensure_tools() {
    if ! command -v wrk >/dev/null; then
        log "installing wrk (Debian package)"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk) >/dev/null \
            || die "wrk is missing and could not be installed: apt-get install wrk"
    fi
    local tool
    for tool in curl pgbench psql awk sort ss; do
        command -v "$tool" >/dev/null || die "$tool is missing"
    done
    [[ -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_ctl" ]] || die "no PostgreSQL binaries in $PG_BIN (BENCH_PG_BIN)"
    [[ $EUID -eq 0 ]] || die "run as root (PostgreSQL is started as the postgres user through runuser)"
    id postgres >/dev/null 2>&1 || die "there is no postgres user"
}

free_port() {
    local port
    for _ in $(seq 1 200); do
        port=$(( 20000 + RANDOM % 40000 ))
        if [[ -z "$(ss -Htln "sport = :$port")" ]]; then
            echo "$port"
            return
        fi
    done
    die "no free port"
}

# ---------------------------------------------------------------------------------------------- CPU accounting
# Busy CPU time of the whole machine and of given processes, in clock ticks, so each phase can say where the
# CPU went (server, database, load generators) and how much was used by anything else on the machine.
cpu_machine() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
cpu_of() {
    local total=0 pid ticks
    for pid in "$@"; do
        ticks=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{print $12 + $13}') || ticks=0
        total=$(( total + ${ticks:-0} ))
    done
    echo "$total"
}
pg_pids() {   # the postmaster first, then its children
    [[ -n "${PG_DATA:-}" && -f "$PG_DATA/postmaster.pid" ]] || return 0
    local postmaster
    postmaster=$(head -1 "$PG_DATA/postmaster.pid")
    echo "$postmaster" $(pgrep -P "$postmaster" || true)
}
# PostgreSQL's CPU: the postmaster's own time plus that of the backends it has reaped (so backends that came
# and went, like pgbench's, are counted), plus the own time of the children still running.
cpu_of_pg() {
    [[ $# -gt 0 ]] || { echo 0; return; }
    local postmaster=$1 reaped
    shift
    reaped=$(sed 's/^.*) //' "/proc/$postmaster/stat" 2>/dev/null | awk '{print $14 + $15}') || reaped=0
    echo $(( $(cpu_of "$postmaster" "$@") + ${reaped:-0} ))
}
# own_cpu FILE: inside a subshell, after its commands, write the CPU ticks of the children it has reaped.
own_cpu() {
    local me=$BASHPID   # (inside the pipeline below, $BASHPID would be the pipeline's own process)
    sed 's/^.*) //' "/proc/$me/stat" | awk '{print $14 + $15}' >"$1"
}

# ---------------------------------------------------------------------------------------------- cleanup
WORK=$(mktemp -d /tmp/agentplane-bench-state.XXXXXX)
chmod 755 "$WORK"
SERVER_PID=
PG_DATA=
LOAD_PIDS=()
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    for pid in "${LOAD_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
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
    # Durability stays at PostgreSQL's defaults (fsync, synchronous_commit, full_page_writes on); only the
    # connection limit is raised for 64 pgbench clients next to the server's pool.
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/postgres.log" -w -t 60 \
        -o "-p $PG_PORT -k $PG_DATA -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null \
        || die "PostgreSQL did not start: $(tail -5 "$PG_DATA/postgres.log")"
    psql_admin -c "CREATE DATABASE agentplane" >/dev/null
}
psql_admin() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres "$@"; }
psql_app() { psql -X -q -A -t -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d agentplane "$@"; }

# ---------------------------------------------------------------------------------------------- server
start_server() {   # $1 = postgresql | sqlite
    local db=$1
    SERVER_PORT=$(free_port)
    local data=$WORK/data-$db
    mkdir -p "$data"
    local unset_env=()
    while IFS= read -r name; do unset_env+=(-u "$name"); done < <(env | awk -F= '/^AGENTPLANE_/ {print $1}')
    local db_env=()
    if [[ $db == postgresql* ]]; then
        db_env=(AGENTPLANE_DATABASE_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/agentplane" AGENTPLANE_DATABASE_USER=postgres)
        [[ -n "$POOL_SIZE" ]] && db_env+=(AGENTPLANE_DATABASE_POOL_SIZE="$POOL_SIZE")
    fi
    # shellcheck disable=SC2086
    env "${unset_env[@]}" "${db_env[@]}" AGENTPLANE_BOOTSTRAP_ADMIN_KEY="$TOKEN" AGENTPLANE_RATE_LIMITS_ADMIN=1000000000 AGENTPLANE_LOG_LEVEL="$SERVER_LOG_LEVEL" \
        "$JAVA_HOME_FOUND/bin/java" $JVM_OPTS -Xlog:gc:file="$WORK/gc-$db.log":uptime \
        --enable-native-access=ALL-UNNAMED -jar "$JAR" \
        server --port "$SERVER_PORT" --data-dir "$data" >"$WORK/server-$db.log" 2>&1 &
    SERVER_PID=$!
    SERVER_STARTED=$EPOCHREALTIME
    SERVER_GC_LOG=$WORK/gc-$db.log
    local started=$SECONDS
    until curl -fsS -o /dev/null "http://127.0.0.1:$SERVER_PORT/health/ready" 2>/dev/null; do
        kill -0 "$SERVER_PID" 2>/dev/null || die "the server exited: $(tail -20 "$WORK/server-$db.log")"
        (( SECONDS - started < 60 )) || die "the server was not ready within 60 s: $(tail -20 "$WORK/server-$db.log")"
        sleep 0.2
    done
    log "server on $db ready in $(( SECONDS - started )) s (pid $SERVER_PID, port $SERVER_PORT)"
}

stop_server() {
    [[ -n "$SERVER_PID" ]] || return 0
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.2
    done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
}

# ---------------------------------------------------------------------------------------------- load
# wrk_run OUTFILE OP THREADS CONNECTIONS SECONDS: one wrk process in the background. It writes its RESULT
# lines to OUTFILE and, in OUTFILE.cpu, the CPU ticks it used (the subshell's reaped-children time).
wrk_run() {
    local out=$1 op=$2 threads=$3 connections=$4 seconds=$5
    (
        BENCH_OP=$op BENCH_TOKEN=$TOKEN BENCH_KEYS=$KEYS BENCH_NAMESPACE=$NAMESPACE \
            BENCH_VALUE_BYTES=$VALUE_BYTES BENCH_GET_SHARE=$GET_SHARE \
            wrk -t "$threads" -c "$connections" -d "${seconds}s" --timeout 10s -s "$HERE/state.lua" \
            "http://127.0.0.1:$SERVER_PORT" >"$out" 2>"$out.err" || true
        own_cpu "$out.cpu"
    ) &
    LOAD_PIDS+=($!)
}

wait_load() {
    local pid
    for pid in "${LOAD_PIDS[@]}"; do wait "$pid" || true; done
    LOAD_PIDS=()
}

result_lines() {   # the RESULT lines of a wrk output file, without the "RESULT " prefix
    grep '^RESULT ' "$1" | sed 's/^RESULT //' || die "no result in $1: $(tail -5 "$1" "$1.err" 2>/dev/null)"
}

field() {   # field "k=v k2=v2" k2 -> v2
    awk -v want="$2" '{for (i = 1; i <= NF; i++) {split($i, kv, "="); if (kv[1] == want) {print kv[2]; exit}}}' <<<"$1"
}

seed() {   # PUT every key through the API (one wrk thread, 8 connections, at most 120 s)
    local out=$WORK/seed-$1.txt started=$SECONDS
    wrk_run "$out" seed 1 8 120
    wait_load
    local line created unexpected
    line=$(result_lines "$out" | tail -1)
    created=$(field "$line" created); unexpected=$(field "$line" unexpected)
    [[ "$created" == "$KEYS" && "$unexpected" == 0 ]] \
        || die "seeding created ${created:-0} of $KEYS keys (${unexpected:-?} unexpected responses): $(tail -3 "$out.err")"
    local body
    body=$(curl -fsS -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$SERVER_PORT/v1/state/$NAMESPACE/$(( KEYS - 1 ))") \
        || die "GET of a seeded key failed"
    log "seeded $KEYS keys in $(( SECONDS - started )) s; a GET returns ${#body} bytes"
}

RECORDS=$WORK/records.txt
: >"$RECORDS"

# measure LABEL PHASE SECONDS: one wrk process on CONNECTIONS connections; PHASE=mix sends GET or PUT at
# random (GET_SHARE), PHASE=put-only sends PUTs, PHASE=warmup is a mix whose figures are dropped. Appends
# one record per operation (state.lua keeps a latency histogram per operation).
measure() {
    local label=$1 phase=$2 seconds=$3
    local pg_before=() cpu0 server0 pg0 wall0
    read -r -a pg_before <<<"$(pg_pids)"
    cpu0=$(cpu_machine); server0=$(cpu_of "$SERVER_PID"); pg0=$(cpu_of_pg "${pg_before[@]}"); wall0=$EPOCHREALTIME
    local out=$WORK/$label-$phase.txt
    wrk_run "$out" "$([[ $phase == put-only ]] && echo put || echo mix)" "$WRK_THREADS" "$CONNECTIONS" "$seconds"
    wait_load
    local cpu1 server1 pg1 capacity wrk_ticks
    cpu1=$(cpu_machine); server1=$(cpu_of "$SERVER_PID"); pg1=$(cpu_of_pg "${pg_before[@]}")
    capacity=$(capacity_since "$wall0"); wrk_ticks=$(cat "$out.cpu")
    if [[ $phase == warmup ]]; then return 0; fi
    local cpu="cpu_server=$(pct $(( server1 - server0 )) "$capacity") cpu_db=$(pct $(( pg1 - pg0 )) "$capacity")"
    cpu+=" cpu_load=$(pct "$wrk_ticks" "$capacity")"
    cpu+=" cpu_other=$(pct $(( cpu1 - cpu0 - (server1 - server0) - (pg1 - pg0) - wrk_ticks )) "$capacity")"
    local wall1=$EPOCHREALTIME total line
    total=$(result_lines "$out" | awk '{for (i = 1; i <= NF; i++) if ($i ~ /^requests=/) {split($i, kv, "="); n += kv[2]}} END {print n + 0}')
    cpu+=" $(gc_stats "$wall0" "$wall1" "$total")"
    while IFS= read -r line; do
        echo "db=$label phase=$phase $line $cpu" >>"$RECORDS"
    done < <(result_lines "$out")
    log "$label $phase: $(summary_of "$label" "$phase")"
}

# gc_stats T0 T1 REQUESTS: the server's garbage collection between two EPOCHREALTIMEs, from its GC log
# (decorated with JVM uptime, which starts within milliseconds of SERVER_STARTED): pauses and the allocation
# per request (heap before each young collection minus after the previous one).
gc_stats() {
    awk -v t0="$(awk -v a="$1" -v b="$SERVER_STARTED" 'BEGIN {print a - b}')" \
        -v t1="$(awk -v a="$2" -v b="$SERVER_STARTED" 'BEGIN {print a - b}')" -v requests="$3" '
        /Pause/ {
            t = substr($1, 2) + 0
            match($0, /[0-9]+M->[0-9]+M/); split(substr($0, RSTART, RLENGTH), m, "->")
            before = m[1] + 0; after = m[2] + 0
            if (t >= t0 && t <= t1) {
                pauses++; ms += $NF + 0
                if (/Pause Young/ && seen) alloc += before - last_after
            }
            last_after = after; seen = 1
        }
        END {printf "gc_pauses=%d gc_pause_ms=%.0f alloc_kb_per_request=%.1f", pauses, ms,
            (requests > 0 ? alloc * 1024 / requests : 0)}' "$SERVER_GC_LOG"
}

capacity_since() {   # clock ticks of all cores since the EPOCHREALTIME $1
    awk -v t0="$1" -v t1="$EPOCHREALTIME" -v hz="$CLK_TCK" -v n="$NPROC" 'BEGIN {printf "%d", (t1 - t0) * hz * n}'
}
pct() { awk -v a="$1" -v b="$2" 'BEGIN {v = 100 * a / b; if (v < 0) v = 0; printf "%.0f", v}'; }

summary_of() {
    awk -v db="$1" -v phase="$2" '$1 == "db=" db && $2 == "phase=" phase {
        for (i = 3; i <= NF; i++) {split($i, kv, "="); f[kv[1]] = kv[2]}
        printf "%s %.0f/s p50 %.2f ms p99 %.2f ms; ", f["op"], f["rps"], f["p50_ms"], f["p99_ms"]
    }' "$RECORDS"
}

# ---------------------------------------------------------------------------------------------- pgbench
pgbench_setup() {
    PG_ORG_ID=$(psql_app -c "SELECT id FROM orgs WHERE name = 'default'")
    PG_KEY_ID=$(psql_app -c "SELECT actor_key_id FROM audit_log WHERE action = 'state.create' LIMIT 1")
    [[ -n "$PG_ORG_ID" && -n "$PG_KEY_ID" ]] || die "could not find the org and key the server created"
    PG_VALUE=$(psql_app -c "SELECT value FROM state WHERE org_id = '$PG_ORG_ID' AND namespace = '$NAMESPACE' LIMIT 1")
    (( ${#PG_VALUE} == VALUE_BYTES )) || die "the stored value has ${#PG_VALUE} bytes, not $VALUE_BYTES"
}

# pgbench_run LABEL PHASE SECONDS: PHASE=mix runs get.sql and put.sql weighted like the wrk mix on all
# connections, PHASE=put-only runs put.sql alone. Percentiles come from the per-transaction logs.
pgbench_run() {
    local label=$1 phase=$2 seconds=$3
    local dir=$WORK/$label-$phase
    mkdir -p "$dir"
    local scripts
    if [[ $phase == put-only ]]; then
        scripts=(-f "$HERE/put.sql")
    else
        scripts=(-f "$HERE/get.sql@$GET_WEIGHT" -f "$HERE/put.sql@$PUT_WEIGHT")
    fi
    local pg_before=() cpu0 pg0 wall0 cpu1 pg1 capacity
    read -r -a pg_before <<<"$(pg_pids)"
    cpu0=$(cpu_machine); pg0=$(cpu_of_pg "${pg_before[@]}"); wall0=$EPOCHREALTIME
    (
        cd "$dir"
        pgbench -n -M prepared -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "$CONNECTIONS" -j "$PGBENCH_THREADS" \
            -T "$seconds" -l --log-prefix=tx \
            -D keys="$KEYS" -D org_id="$PG_ORG_ID" -D key_id="$PG_KEY_ID" -D ns="$NAMESPACE" -D now="$(date +%s%3N)" \
            -D value="$PG_VALUE" -D value_bytes="$VALUE_BYTES" -D request_id=pgbench \
            "${scripts[@]}" agentplane >pgbench.out 2>&1
        echo $? >pgbench.rc
        own_cpu pgbench.cpu
    ) &
    LOAD_PIDS+=($!)
    wait_load
    cpu1=$(cpu_machine); pg1=$(cpu_of_pg "${pg_before[@]}"); capacity=$(capacity_since "$wall0")
    [[ "$(cat "$dir/pgbench.rc")" == 0 ]] || die "pgbench failed: $(tail -5 "$dir/pgbench.out")"
    local bench_ticks cpu
    bench_ticks=$(cat "$dir/pgbench.cpu")
    cpu="cpu_db=$(pct $(( pg1 - pg0 )) "$capacity") cpu_load=$(pct "$bench_ticks" "$capacity")"
    cpu+=" cpu_other=$(pct $(( cpu1 - cpu0 - (pg1 - pg0) - bench_ticks )) "$capacity")"
    # Per-transaction log lines: client_id transaction_no time_us script_no epoch epoch_us. The script
    # number is the position of the -f option: 0 = the first script given.
    local op script
    for op in get put; do
        if [[ $phase == put-only ]]; then
            [[ $op == put ]] || continue
            script=0
        else
            script=$([[ $op == get ]] && echo 0 || echo 1)
        fi
        cat "$dir"/tx.* | awk -v s="$script" '$4 == s {print $3}' | sort -n \
            | awk -v op="$op" -v secs="$seconds" '{v[NR] = $1; sum += $1} END {
                n = NR; if (n == 0) {printf "op=%s requests=0 rps=0\n", op; exit}
                printf "op=%s requests=%d duration_s=%d rps=%.1f mean_ms=%.3f", op, n, secs, n / secs, sum / n / 1000
                split("50 90 99 99.9", ps, " "); split("p50 p90 p99 p999", names, " ")
                for (i = 1; i <= 4; i++) {r = int(n * ps[i] / 100 + 0.999999); if (r < 1) r = 1; if (r > n) r = n
                    printf " %s_ms=%.3f", names[i], v[r] / 1000}
                printf " max_ms=%.3f\n", v[n] / 1000
            }' | sed "s/^/db=$label phase=$phase /; s/\$/ $cpu/" >>"$RECORDS"
    done
    rm -f "$dir"/tx.*
    log "$label $phase: $(summary_of "$label" "$phase")"
}

set_synchronous_commit() {
    psql_admin -c "ALTER SYSTEM SET synchronous_commit = $1" -c "SELECT pg_reload_conf()" >/dev/null
    sleep 1   # (backends apply a reloaded setting between statements; give the signal a moment)
    [[ "$(psql_app -c 'SHOW synchronous_commit')" == "$1" ]] || die "synchronous_commit did not become $1"
}

# ---------------------------------------------------------------------------------------------- report
write_report() {
    local out=$RESULTS
    mkdir -p "$(dirname "$out")"
    local commit
    commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
    git -C "$ROOT" diff --quiet HEAD -- . ':!bench/results' 2>/dev/null || commit+=", with uncommitted changes"
    {
        echo "# bench/state results"
        echo
        echo "Written by \`bash bench/state/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC') (commit $commit)."
        echo
        echo "Load: $KEYS keys with $VALUE_BYTES-byte JSON values, seeded through the API; $CONNECTIONS connections over"
        echo "loopback from one wrk process ($WRK_THREADS threads); ${WARMUP} s of warm-up on each fresh server."
        echo "**mix**: each request is a GET with probability $GET_SHARE, else a PUT, on a random key (${DURATION} s)."
        echo "**put-only**: every request is a PUT (PostgreSQL ${DURATION} s, others ${SHORT_DURATION} s)."
        echo "Latencies are per request and per operation (each request carries its send time in X-Request-Id, which"
        echo "the server echoes), not corrected for coordinated omission: the same way pgbench measures below."
        echo
        echo "## Server (wrk → AgentPlane → database)"
        echo
        echo "| database | load | operation | req/s | p50 ms | p90 ms | p99 ms | target (PostgreSQL) | met? |"
        echo "|---|---|---|---:|---:|---:|---:|---|---|"
        awk -v grt="$GET_RPS_TARGET" -v gpt="$GET_P99_TARGET" -v prt="$PUT_RPS_TARGET" -v ppt="$PUT_P99_TARGET" '
            $1 !~ /^db=pgbench/ {
                delete f
                for (i = 1; i <= NF; i++) {split($i, kv, "="); f[kv[1]] = kv[2]}
                target = ""; met = ""
                if (f["db"] == "postgresql") {
                    rt = f["op"] == "get" ? grt : prt; pt = f["op"] == "get" ? gpt : ppt
                    target = "≥ " rt "/s, p99 ≤ " pt " ms"
                    rate_ok = f["rps"] >= rt; p99_ok = f["p99_ms"] <= pt
                    met = rate_ok && p99_ok ? "yes" : "**no**: " (rate_ok ? "" : "rate") (rate_ok || p99_ok ? "" : ", ") (p99_ok ? "" : "p99")
                    if (f["phase"] == "mix" && f["op"] == "put" && !rate_ok) met = met " (rate bound to the mix)"
                }
                errors = f["err_connect"] + f["err_read"] + f["err_write"] + f["err_timeout"] + f["err_status"]
                db = f["db"] == "postgresql-async" ? "postgresql, synchronous_commit=off" : f["db"]
                printf "| %s | %s | %s | %.0f | %.2f | %.2f | %.2f | %s | %s |%s\n", db, f["phase"], toupper(f["op"]),
                    f["rps"], f["p50_ms"], f["p90_ms"], f["p99_ms"], target, met, (errors > 0 ? " " errors " errors!" : "")
            }' "$RECORDS"
        echo
        echo "In the 90/10 mix the PUT rate is tied to the GET rate (about a ninth of it), so the PUT target is also"
        echo "checked on the PUT-only load, where all $CONNECTIONS connections write."
        echo
        echo "Where the CPU went during each measured phase, in percent of all $NPROC cores (\"other\" = processes outside"
        echo "this benchmark; wrk's share is the load generator's own cost):"
        echo
        echo "| database | load | total req/s | GET share | server | database | wrk | other | server CPU µs/request | database CPU µs/request | server allocation KB/request | GC pauses |"
        echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
        awk -v nproc="$NPROC" '$1 !~ /^db=pgbench/ {
                delete f
                for (i = 1; i <= NF; i++) {split($i, kv, "="); f[kv[1]] = kv[2]}
                k = f["db"] "|" f["phase"]
                if (!(k in seen)) {order[++n] = k; seen[k] = 1}
                rps[k, f["op"]] = f["rps"]
                cpu[k] = f["cpu_server"] "% | " f["cpu_db"] "% | " f["cpu_load"] "% | " f["cpu_other"] "%"
                server[k] = f["cpu_server"]; db[k] = f["cpu_db"]; gc[k] = f["alloc_kb_per_request"] " | " f["gc_pauses"] " (" f["gc_pause_ms"] " ms)"
            }
            END {
                for (i = 1; i <= n; i++) {k = order[i]; split(k, p, "|")
                    g = rps[k, "get"] + 0; w = rps[k, "put"] + 0
                    printf "| %s | %s | %.0f | %.1f%% | %s | %.0f | %.0f | %s |\n", p[1], p[2], g + w, 100 * g / (g + w), cpu[k],
                        server[k] / 100 * nproc * 1e6 / (g + w), db[k] / 100 * nproc * 1e6 / (g + w), gc[k]}
            }' "$RECORDS"
        echo
        echo "CPU budget per request (server + database + wrk, from the table above) and the rate it allows when the"
        echo "benchmark has all $NPROC cores to itself:"
        echo
        awk -v nproc="$NPROC" '$1 !~ /^db=pgbench/ {
                delete f
                for (i = 1; i <= NF; i++) {split($i, kv, "="); f[kv[1]] = kv[2]}
                k = f["db"] "|" f["phase"]
                if (!(k in seen)) {order[++n] = k; seen[k] = 1}
                rps[k] += f["rps"]; c[k, "s"] = f["cpu_server"]; c[k, "d"] = f["cpu_db"]; c[k, "w"] = f["cpu_load"]
            }
            END {
                for (i = 1; i <= n; i++) {k = order[i]; split(k, p, "|"); r = rps[k]
                    s = c[k, "s"] / 100 * nproc * 1e6 / r; d = c[k, "d"] / 100 * nproc * 1e6 / r; w = c[k, "w"] / 100 * nproc * 1e6 / r
                    printf "- %s %s: %.0f + %.0f + %.0f = %.0f µs → at most %.0f req/s on %d cores (measured %.0f)\n",
                        p[1], p[2], s, d, w, s + d + w, nproc * 1e6 / (s + d + w), nproc, r}
            }' "$RECORDS"
        echo
        echo "## Database ceiling (pgbench → PostgreSQL: the same SQL on the same database, same run)"
        echo
        echo "\`pgbench -M prepared -c $CONNECTIONS -j $PGBENCH_THREADS\` with \`bench/state/get.sql\` (the server's GET query) and"
        echo "\`bench/state/put.sql\` (its upsert and audit-row INSERT in one transaction), weighted"
        echo "\`get.sql@$GET_WEIGHT put.sql@$PUT_WEIGHT\` for the mix, put.sql alone for put-only; percentiles from pgbench's per-transaction logs."
        echo
        echo "| synchronous_commit | load | operation | tx/s | p50 ms | p90 ms | p99 ms | database CPU | pgbench CPU | other CPU | database CPU µs/tx |"
        echo "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
        awk -v nproc="$NPROC" '$1 ~ /^db=pgbench/ {
                delete f
                for (i = 1; i <= NF; i++) {split($i, kv, "="); f[kv[1]] = kv[2]}
                k = f["db"] "|" f["phase"]; total[k] += f["rps"]; line[++n] = $0; key[n] = k
            }
            END {
                for (j = 1; j <= n; j++) {
                    delete f; m = split(line[j], parts, " ")
                    for (i = 1; i <= m; i++) {split(parts[i], kv, "="); f[kv[1]] = kv[2]}
                    setting = f["db"] == "pgbench-async" ? "off" : "on"
                    printf "| %s | %s | %s | %.0f | %.2f | %.2f | %.2f | %s%% | %s%% | %s%% | %.0f |\n", setting, f["phase"],
                        toupper(f["op"]), f["rps"], f["p50_ms"], f["p90_ms"], f["p99_ms"], f["cpu_db"], f["cpu_load"],
                        f["cpu_other"], f["cpu_db"] / 100 * nproc * 1e6 / total[key[j]]
                }
            }' "$RECORDS"
        echo
        echo "Server throughput as a share of the ceiling (same load, same synchronous_commit):"
        echo
        awk '{
                delete f
                for (i = 1; i <= NF; i++) {split($i, kv, "="); f[kv[1]] = kv[2]}
                side = f["db"] ~ /^pgbench/ ? "pgbench" : "server"
                setting = (f["db"] ~ /async/) ? "off" : "on"
                if (f["db"] == "sqlite") next
                k = setting "|" f["phase"] "|" f["op"]
                if (!(k in seen)) {order[++n] = k; seen[k] = 1}
                rps[k, side] = f["rps"]
            }
            END {
                for (i = 1; i <= n; i++) {k = order[i]; split(k, p, "|")
                    if (rps[k, "pgbench"] > 0 && rps[k, "server"] > 0)
                        printf "- synchronous_commit=%s, %s, %s: server %.0f/s vs pgbench %.0f/s = %.0f%%\n", p[1], p[2],
                            toupper(p[3]), rps[k, "server"], rps[k, "pgbench"], 100 * rps[k, "server"] / rps[k, "pgbench"]}
            }' "$RECORDS"
        echo
        echo "## Machine and settings"
        echo
        echo "- CPU: $NPROC cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)); memory $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo); $(uname -sr)"
        echo "- $IDLE_NOTE Load average before the run: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg) (it includes this benchmark's own threads)."
        echo "- JDK: $("$JAVA_HOME_FOUND/bin/java" -version 2>&1 | head -1); JVM options: ${JVM_OPTS:-none (defaults)}"
        echo "- Server: database pool size ${POOL_SIZE:-default (16 on PostgreSQL; 8 on SQLite)}, log level $SERVER_LOG_LEVEL"
        echo "- wrk: $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), $WRK_THREADS threads, $CONNECTIONS connections, timeout 10 s"
        if [[ -n "${PG_VERSION:-}" ]]; then
            echo "- PostgreSQL: $PG_VERSION; $PG_SETTINGS; synchronous_commit=off only for the rows that say so"
            echo "- pgbench: $(pgbench --version)"
        fi
        echo "- Storage: $(df -T "$WORK" | awk 'NR == 2 {print $2 " on " $1}') (data directories under $(dirname "$WORK"))"
        echo "- Everything (server, database, wrk, pgbench) runs on this one machine; all traffic over 127.0.0.1."
        echo
        echo "## Raw records"
        echo
        echo "wrk_p50_ms/wrk_p99_ms are wrk's own percentiles for both operations together, which wrk 4.1 corrects for"
        echo "coordinated omission (it adds the samples a stalled connection would have produced), hence higher."
        echo
        echo '```'
        cat "$RECORDS"
        echo '```'
    } >"$out"
    log "wrote $out"
}

# ---------------------------------------------------------------------------------------------- main
NPROC=$(nproc)
GET_WEIGHT=$(awk -v s="$GET_SHARE" 'BEGIN {printf "%d", s * 100 + 0.5}')   # pgbench script weights
PUT_WEIGHT=$(( 100 - GET_WEIGHT ))
CLK_TCK=$(getconf CLK_TCK)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
find_java
ensure_tools
ensure_jar
log "load average before the run: $LOAD_BEFORE ($NPROC cores); work dir $WORK"
RUN_STARTED=$SECONDS

for db in $DATABASES; do
    case $db in
        postgresql)
            start_postgres
            PG_VERSION=$(psql_app -c "SELECT version()" | cut -d, -f1)
            PG_SETTINGS=""
            for s in fsync synchronous_commit full_page_writes wal_level shared_buffers max_wal_size checkpoint_timeout max_connections; do
                PG_SETTINGS+="$s=$(psql_app -c "SHOW $s"), "
            done
            PG_SETTINGS=${PG_SETTINGS%, }
            start_server postgresql
            seed postgresql
            measure postgresql warmup "$WARMUP"
            measure postgresql mix "$DURATION"
            if [[ "$PUT_ONLY" == 1 ]]; then measure postgresql put-only "$DURATION"; fi
            if [[ "$PG_ASYNC" == 1 ]]; then
                set_synchronous_commit off     # the running server's connections pick it up on reload
                measure postgresql-async mix "$SHORT_DURATION"
                if [[ "$PUT_ONLY" == 1 ]]; then measure postgresql-async put-only "$SHORT_DURATION"; fi
                set_synchronous_commit on
            fi
            stop_server
            pgbench_setup
            pgbench_run pgbench mix "$DURATION"
            if [[ "$PUT_ONLY" == 1 ]]; then pgbench_run pgbench put-only "$DURATION"; fi
            if [[ "$PG_ASYNC" == 1 ]]; then
                set_synchronous_commit off
                pgbench_run pgbench-async mix "$SHORT_DURATION"
                if [[ "$PUT_ONLY" == 1 ]]; then pgbench_run pgbench-async put-only "$SHORT_DURATION"; fi
                set_synchronous_commit on
            fi
            runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null
            ;;
        sqlite)
            start_server sqlite
            seed sqlite
            measure sqlite warmup "$WARMUP"
            measure sqlite mix "$DURATION"
            if [[ "$PUT_ONLY" == 1 ]]; then measure sqlite put-only "$SHORT_DURATION"; fi
            stop_server
            ;;
        *) die "unknown database '$db' in BENCH_DATABASES (postgresql, sqlite)" ;;
    esac
done

OTHER_MAX=$(awk '{for (i = 1; i <= NF; i++) if ($i ~ /^cpu_other=/) {split($i, kv, "="); if (kv[2] > m) m = kv[2]}} END {print m + 0}' "$RECORDS")
# Judged by the CPU that processes outside the benchmark used while it measured (the load average also
# counts this benchmark's own threads, and the kernel's loopback work shows up as a few percent of "other").
if (( OTHER_MAX <= 5 )); then
    IDLE_NOTE="The machine was otherwise idle while measuring: processes outside the benchmark used at most $OTHER_MAX% of the CPU in any phase."
else
    BUSY_PHASES=$(awk '{
            for (i = 1; i <= NF; i++) {split($i, kv, "="); f[kv[1]] = kv[2]}
            k = f["db"] " " f["phase"]
            if (f["cpu_other"] > 5 && !(k in seen)) {seen[k] = 1; out = out (out ? ", " : "") k " (" f["cpu_other"] "%)"}
        } END {print out}' "$RECORDS")
    IDLE_NOTE="**The machine was NOT idle**: processes outside the benchmark used more than 5% of the CPU in $BUSY_PHASES (the \"other\" columns), so those figures understate what the server and the database can do."
fi
write_report
log "done in $(( SECONDS - RUN_STARTED )) s"
