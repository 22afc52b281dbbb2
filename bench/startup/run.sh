#!/usr/bin/env bash
# Measures how long `bin/agentplane server` (as users start it) takes on SQLite from process start until /health/ready answers 200:
# first start (empty data directory: migrations and bootstrap) and restart (existing database), RUNS times
# each. Reference in the same run: the time the same JVM takes to start and exit (`java -version`).
# Target (issue 2): ready in under 3 s on SQLite. Writes bench/results/startup.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$root/bin/lib/jdk.sh"
JAVA_HOME="$(find_jdk)"
java="$JAVA_HOME/bin/java"
runs=${RUNS:-5}

"$root/bin/agentplane" --version >/dev/null  # builds the jar if the sources are newer

work=$(mktemp -d)
trap 'pkill -f "server --port 18990" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

now_ms() { date +%s%3N; }

ready_ms() { # data-dir -> milliseconds until ready
  local start pid
  start=$(now_ms)
  AGENTPLANE_LOG_LEVEL=WARN "$root/bin/agentplane" server --port 18990 --data-dir "$1" >/dev/null 2>&1 &
  pid=$!
  until curl -sf -o /dev/null http://127.0.0.1:18990/health/ready; do
    kill -0 "$pid" 2>/dev/null || { echo "server exited" >&2; exit 1; }
    sleep 0.02
  done
  echo $(( $(now_ms) - start ))
  kill "$pid"; wait "$pid" 2>/dev/null || true  # a clean exit also writes the class-data archive
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

first=(); again=(); jvm=()
for i in $(seq 1 "$runs"); do
  rm -rf "$work/data"
  first+=("$(ready_ms "$work/data")")
  again+=("$(ready_ms "$work/data")")
  s=$(now_ms); "$java" -version >/dev/null 2>&1; jvm+=($(( $(now_ms) - s )))
done

first_median=$(printf '%s\n' "${first[@]}" | median)
again_median=$(printf '%s\n' "${again[@]}" | median)
jvm_median=$(printf '%s\n' "${jvm[@]}" | median)
verdict() { [ "$1" -lt 3000 ] && echo "yes" || echo "no"; }

cat > "$root/bench/results/startup.md" <<MD
# Startup on SQLite

Measured $(date -u +%Y-%m-%dT%H:%MZ) by \`bench/startup/run.sh\` on $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB,
$("$java" -version 2>&1 | head -1), load average before the run: $(cut -d' ' -f1-3 /proc/loadavg).
Time from launching \`bin/agentplane server\` until \`GET /health/ready\` answers 200 (median of $runs).

| case | median ms | all runs (ms) | target | met |
|---|---|---|---|---|
| first start (empty data dir: migrations, org and admin key) | $first_median | ${first[*]} | < 3000 | $(verdict "$first_median") |
| restart (existing database) | $again_median | ${again[*]} | < 3000 | $(verdict "$again_median") |
| reference: \`java -version\` (JVM start and exit) | $jvm_median | ${jvm[*]} | | |
MD
cat "$root/bench/results/startup.md"
