#!/usr/bin/env bash
# bench/interpret: accuracy, calibration and latency of `POST /v1/interpret` (heuristic strategy). Starts a real
# `agentplane server` on SQLite (temporary data directory, free port, bootstrap admin key, no model configured) and
# runs the evaluation client (eval.mjs, Node 20, no npm dependencies) against it in a separate process.
# Run from anywhere:  bash bench/interpret/run.sh      (QUICK=1: 3 measured rounds instead of 20)
# Writes bench/results/interpret.md and bench/results/interpret.json. Settings: see bench/interpret/README.md.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
QUICK=${QUICK:-0}
if [[ $QUICK == 1 ]]; then DEFAULT_ROUNDS=3; DEFAULT_WARMUP=2; else DEFAULT_ROUNDS=20; DEFAULT_WARMUP=5; fi
ROUNDS=${BENCH_ROUNDS:-$DEFAULT_ROUNDS}            # measured latency rounds over every case of both files
WARMUP_ROUNDS=${BENCH_WARMUP_ROUNDS:-$DEFAULT_WARMUP}
RESULTS_MD=${BENCH_RESULTS:-$ROOT/bench/results/interpret.md}
RESULTS_JSON=${RESULTS_MD%.md}.json
SERVER_LOG_LEVEL=${BENCH_SERVER_LOG_LEVEL:-WARN}
TOKEN=ap_bench_$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')

log() { printf '%s bench/interpret: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

command -v node >/dev/null || die "node (20 or newer) is needed for the evaluation client"
command -v curl >/dev/null || die "curl is missing"
[[ $(node -p 'process.versions.node.split(".")[0]') -ge 20 ]] || die "node 20 or newer is needed"
node "$HERE/eval.mjs" --check >&2 || die "the case files are malformed"

# shellcheck source=../../bin/lib/jdk.sh
source "$ROOT/bin/lib/jdk.sh"
JAVA_HOME_FOUND=$(find_jdk) || die "no JDK >= 21 (set JAVA_HOME)"

free_port() {   # below the kernel's ephemeral range, so outgoing connections cannot take it meanwhile
    local port low
    low=$(awk '{print $1}' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
    for _ in $(seq 1 200); do
        port=$(( 12000 + RANDOM % (low - 12000) ))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
    die "no free port"
}

WORK=$(mktemp -d /tmp/agentplane-bench-interpret.XXXXXX)
SERVER_PID=
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if [[ -n "$SERVER_PID" ]]; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [[ "${BENCH_KEEP:-0}" == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The server as users start it (bin/agentplane builds the jar when the sources are newer), or BENCH_JAR.
command=("$ROOT/bin/agentplane")
if [[ -n "${BENCH_JAR:-}" ]]; then
    [[ -f "$BENCH_JAR" ]] || die "BENCH_JAR=$BENCH_JAR does not exist"
    command=("$JAVA_HOME_FOUND/bin/java" --enable-native-access=ALL-UNNAMED -jar "$BENCH_JAR")
else
    log "building the server jar if the sources changed"
    "$ROOT/bin/agentplane" --version >/dev/null || die "building agentplane failed"
fi

PORT=$(free_port)
unset_env=()
while IFS= read -r name; do unset_env+=(-u "$name"); done < <(env | awk -F= '/^AGENTPLANE_/ {print $1}')
# No model is configured (the AGENTPLANE_* environment is cleared): only the heuristic engine can answer.
env "${unset_env[@]}" AGENTPLANE_BOOTSTRAP_ADMIN_KEY="$TOKEN" AGENTPLANE_RATE_LIMITS_ADMIN=1000000000 \
    AGENTPLANE_LOG_LEVEL="$SERVER_LOG_LEVEL" JAVA_HOME="$JAVA_HOME_FOUND" \
    "${command[@]}" server --port "$PORT" --data-dir "$WORK/data" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
started=$SECONDS
until curl -fsS -o /dev/null "http://127.0.0.1:$PORT/health/ready" 2>/dev/null; do
    kill -0 "$SERVER_PID" 2>/dev/null || die "the server exited: $(tail -20 "$WORK/server.log")"
    (( SECONDS - started < 90 )) || die "the server was not ready within 90 s: $(tail -20 "$WORK/server.log")"
    sleep 0.2
done
log "server ready in $(( SECONDS - started )) s (pid $SERVER_PID, port $PORT, data $WORK/data)"

probe=$(curl -sS -o "$WORK/probe.json" -w '%{http_code}' -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    --data '{"data":"Name: Probe","schema":{"name":"string"},"strategy":"heuristic"}' "http://127.0.0.1:$PORT/v1/interpret") || true
[[ $probe == 200 ]] || die "POST /v1/interpret answered HTTP $probe: $(head -c 400 "$WORK/probe.json" 2>/dev/null)"

commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
[[ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no -- agentplane-core agentplane-server agentplane-cli 2>/dev/null)" ]] && commit="$commit (with uncommitted changes)"
java_version=$("$JAVA_HOME_FOUND/bin/java" -version 2>&1 | head -1 | tr -d '"')
mkdir -p "$(dirname "$RESULTS_MD")"
log "evaluating ($WARMUP_ROUNDS warm-up and $ROUNDS measured latency rounds)"
node "$HERE/eval.mjs" url="http://127.0.0.1:$PORT" token="$TOKEN" rounds="$ROUNDS" warmup_rounds="$WARMUP_ROUNDS" \
    commit="$commit" java="$java_version" out_md="$RESULTS_MD" out_json="$RESULTS_JSON" || die "the evaluation failed"
log "done: $RESULTS_MD"
