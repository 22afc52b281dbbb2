#!/usr/bin/env bash
# Compares server builds on one phase of bench/engine, interleaved so that a machine whose load changes affects each
# build alike:  bash bench/engine/compare.sh before=/tmp/before.jar after=agentplane-cli/target/agentplane.jar
# Each round runs every build once (a fresh PostgreSQL and server each time); prints one line per run and the medians.
# Settings: ROUNDS (3), and bench/engine/run.sh's variables (default here: PostgreSQL only, three-step, 10 s windows
# after 5 s of warm-up, no synchronous_commit=off phase).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROUNDS=${ROUNDS:-3}
export BENCH_SYSTEMS=${BENCH_SYSTEMS:-agentplane-postgresql} BENCH_WORKFLOWS=${BENCH_WORKFLOWS:-three-step}
export BENCH_DURATION=${BENCH_DURATION:-10} BENCH_WARMUP=${BENCH_WARMUP:-5} BENCH_PG_ASYNC=${BENCH_PG_ASYNC:-0}
[[ $# -gt 0 ]] || { echo "usage: $0 name=path/to/agentplane.jar ..." >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for round in $(seq 1 "$ROUNDS"); do
    for build in "$@"; do
        name=${build%%=*}
        BENCH_JAR=${build#*=} BENCH_RESULTS=$out/$name-$round.md bash "$HERE/run.sh" >"$out/$name-$round.log" 2>&1 \
            || { echo "run of $name failed: $(tail -5 "$out/$name-$round.log")" >&2; exit 1; }
        line=$(sed -n '/^## Raw records/,$p' "$out/$name-$round.md" | grep '^system=agentplane' | head -1)
        stats=$(sed -n '/^## Raw records/,$p' "$out/$name-$round.md" | grep '^STATS' | head -1)
        get() { awk -v k="$2" '{for (i = 1; i <= NF; i++) if (index($i, k "=") == 1) {print substr($i, length(k) + 2); exit}}' <<<"$1"; }
        per_execution() { awk -v c="$(get "$line" "$1")" -v n="$(get "$line" cores)" -v e="$(get "$line" eps)" 'BEGIN {printf "%.2f", c / 100 * n * 1000 / e}'; }
        printf '%s round %d: %s executions/s, p50 %s ms, p99 %s ms; CPU ms/execution server %s, database %s; statements/execution %s, commits/execution %s; other CPU %s%%; waits %s\n' \
            "$name" "$round" "$(get "$line" eps)" "$(get "$line" server_p50_ms)" "$(get "$line" server_p99_ms)" \
            "$(per_execution cpu_server)" "$(per_execution cpu_db)" \
            "$(awk -v s="$(get "$stats" statements)" -v e="$(get "$stats" executions)" 'BEGIN {printf "%.1f", s / e}')" \
            "$(awk -v s="$(get "$stats" commits)" -v e="$(get "$stats" executions)" 'BEGIN {printf "%.1f", s / e}')" \
            "$(get "$line" cpu_other)" "$(get "$stats" waits)" | tee -a "$out/lines.txt"
    done
done
echo "medians over $ROUNDS rounds:"
for build in "$@"; do
    name=${build%%=*}
    grep "^$name round" "$out/lines.txt" | awk -v n="$name" '{
            for (i = 1; i <= NF; i++) {
                if ($(i + 1) == "executions/s,") e[NR] = $i
                if ($i == "p50") p[NR] = $(i + 1)
                if ($i == "p99") q[NR] = $(i + 1)
            }
        }
        function median(a, m,   k, j, t) {m = 0; for (k in a) v[++m] = a[k] + 0
            for (k = 1; k <= m; k++) for (j = k + 1; j <= m; j++) if (v[j] < v[k]) {t = v[k]; v[k] = v[j]; v[j] = t}
            return m % 2 ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2}
        END {printf "  %s: %.0f executions/s, p50 %.1f ms, p99 %.1f ms\n", n, median(e), median(p), median(q)}'
done
