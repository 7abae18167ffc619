#!/usr/bin/env bash
# Before/after comparison of two gateway builds against one mock upstream, in one run: each round
# measures direct-to-mock, then every build (fast and strict tracing, SQLite) at 1 and 16 connections,
# so machine load drifts over all of them alike. Prints the median of the rounds per row.
#   bench/gateway/compare.sh BEFORE_BIN_DIR AFTER_BIN_DIR [rounds]
#   e.g. bench/gateway/compare.sh /tmp/base/release .build-release/release 3   (BENCH_SECONDS=10 by default)
set -euo pipefail
cd "$(dirname "$0")/../.."
BEFORE="$1"; AFTER="$2"; ROUNDS="${3:-3}"
SECONDS_PER_RUN="${BENCH_SECONDS:-10}"
MODES="${BENCH_MODES:-fast strict}"
OUT="${BENCH_OUT:-bench/out/compare}"
mkdir -p "$OUT"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

wait_port() { # file pattern
  for _ in $(seq 1 200); do
    if grep -qE "$2" "$1" 2>/dev/null; then grep -oE "$2" "$1" | head -1 | grep -oE '[0-9]+$'; return; fi
    sleep 0.1
  done
  echo "no port in $1" >&2; cat "$1" >&2; exit 1
}

"$AFTER/llmops-mock-upstream" --port 0 > "$OUT/mock.log" 2>&1 & pids+=($!)
MOCK_PORT=$(wait_port "$OUT/mock.log" '127\.0\.0\.1:[0-9]+')
KEY="llmops-bench-admin-key-000000000000000"

start_gateway() { # bin durability name -> sets GW_PORT GW_PID
  local dir="$OUT/data-$3"; rm -rf "$dir"; mkdir -p "$dir"
  cat > "$dir/llmops.yaml" <<YAML
server: { host: 127.0.0.1, port: 0 }
storage: { url: "sqlite://$dir/llmops.sqlite" }
tracing: { durability: $2 }
local_models: { enabled: false }
models:
  - { name: mock-model, provider: openai, base_url: "http://127.0.0.1:$MOCK_PORT/v1", upstream_model: mock,
      price: { input_per_mtok: 0.15, output_per_mtok: 0.6 } }
YAML
  LLMOPS_ADMIN_KEY=$KEY LOG_LEVEL=error "$1/llmops" serve --config "$dir/llmops.yaml" > "$dir/serve.log" 2>&1 &
  GW_PID=$!; pids+=($GW_PID)
  GW_PORT=$(wait_port "$dir/serve.log" 'serving on http://127\.0\.0\.1:[0-9]+')
}

cpu_ticks() { # pid -> user+system clock ticks so far
  awk '{print $14 + $15}' "/proc/$1/stat"
}

measure() { # label url key connections [pid whose CPU time per request to report]
  local threads=$(( $4 < 2 ? 1 : 2 )) before after line
  before=$(cpu_ticks "${5:-$$}")
  line=$(LLMOPS_BENCH_KEY="$3" wrk -t"$threads" -c"$4" -d"${SECONDS_PER_RUN}s" --latency -s bench/gateway/chat.lua "$2/v1/chat/completions" \
    | grep RESULT | sed "s/^RESULT/$1 c=$4/")
  after=$(cpu_ticks "${5:-$$}")
  if [ -n "${5:-}" ]; then
    line="$line cpu_us_per_req=$(python3 -c "import sys; t=($after-$before)/$(getconf CLK_TCK); n=int('$line'.split('requests=')[1].split()[0]); print(round(t*1e6/max(n,1)))")"
  fi
  echo "$line" | tee -a "$OUT/results.txt"
}

: > "$OUT/results.txt"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/results.txt"
for round in $(seq 1 "$ROUNDS"); do
  for c in 1 16; do measure "direct-to-mock" "http://127.0.0.1:$MOCK_PORT" "" "$c"; done
  for mode in $MODES; do
    for which in before after; do
      bin=$BEFORE; [ "$which" = after ] && bin=$AFTER
      start_gateway "$bin" "$mode" "$which-$mode"
      # A short warm-up: connections, caches, page faults.
      LLMOPS_BENCH_KEY="$KEY" wrk -t1 -c4 -d1s -s bench/gateway/chat.lua "http://127.0.0.1:$GW_PORT/v1/chat/completions" >/dev/null
      for c in 1 16; do measure "$which-$mode" "http://127.0.0.1:$GW_PORT" "$KEY" "$c" "$GW_PID"; done
      kill "$GW_PID"; wait "$GW_PID" 2>/dev/null || true
    done
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/results.txt"

python3 - "$OUT/results.txt" <<'PY'
import re, sys, statistics
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"(\S+) c=(\d+) rps=([\d.]+) p50_ms=([\d.]+) p99_ms=([\d.]+) errors=(\d+) requests=\d+(?: cpu_us_per_req=(\d+))?", line)
    if m:
        rows.setdefault((m[1], int(m[2])), []).append(tuple(float(x or 0) for x in m.groups()[2:]))
med = {k: tuple(statistics.median(v[i] for v in vs) for i in range(5)) for k, vs in rows.items()}
print("\nmedian of %d rounds" % max(len(v) for v in rows.values()))
print("%-16s %5s %10s %9s %9s %7s %12s" % ("target", "conns", "req/s", "p50 ms", "p99 ms", "errors", "CPU us/req"))
for (name, c), (rps, p50, p99, err, cpu) in med.items():
    print("%-16s %5d %10.0f %9.3f %9.3f %7d %12s" % (name, c, rps, p50, p99, err, int(cpu) if cpu else "-"))
direct = med.get(("direct-to-mock", 1))
for mode in ("fast", "strict"):
    b1, a1 = med.get((f"before-{mode}", 1)), med.get((f"after-{mode}", 1))
    b16, a16 = med.get((f"before-{mode}", 16)), med.get((f"after-{mode}", 16))
    if direct and b1 and a1:
        print(f"{mode}: added p50 at 1 conn {b1[1]-direct[1]:+.3f} ms -> {a1[1]-direct[1]:+.3f} ms; "
              f"added p99 {b1[2]-direct[2]:+.3f} -> {a1[2]-direct[2]:+.3f} ms")
    if b16 and a16:
        print(f"{mode}: 16 conns {b16[0]:.0f} -> {a16[0]:.0f} req/s ({(a16[0]/b16[0]-1)*100:+.0f}%), "
              f"gateway CPU per request {b16[4]:.0f} -> {a16[4]:.0f} us ({(a16[4]/b16[4]-1)*100:+.0f}%)")
PY
