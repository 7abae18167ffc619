#!/usr/bin/env bash
# Gateway benchmark: the mock upstream answering at once on loopback, measured directly and through
# `llmops serve` (release build, SQLite, tracing strict and fast) with wrk at 1 and 16 connections,
# all in one run. With BENCH_LITELLM=1 the LiteLLM proxy (pip litellm[proxy], one worker) is measured
# against the same mock too. Then a memory check: RSS after 100k and 200k requests.
#   make bench-gateway                      (BENCH_SECONDS=20 by default)
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN="${BENCH_SECONDS:-20}"
OUT="${BENCH_OUT:-bench/out/gateway}"
mkdir -p "$OUT"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

SCRATCH="${BENCH_SCRATCH:-.build-release}"
swift build -c release --scratch-path "$SCRATCH" --product llmops >&2
swift build -c release --scratch-path "$SCRATCH" --product llmops-mock-upstream >&2
BIN="$SCRATCH/release"

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

"$BIN/llmops-mock-upstream" --port 0 > "$OUT/mock.log" 2>&1 & pids+=($!)
MOCK_PORT=$(wait_port "$OUT/mock.log" '127\.0\.0\.1:[0-9]+')

KEY="llmops-bench-admin-key-000000000000000"
start_gateway() { # durability [name] [extra yaml] -> sets GW_PORT GW_PID GW_DIR
  local dir="$OUT/data-${2:-$1}"; rm -rf "$dir"; mkdir -p "$dir"; GW_DIR="$dir"
  cat > "$dir/llmops.yaml" <<YAML
server: { host: 127.0.0.1, port: 0 }
storage: { url: "sqlite://$dir/llmops.sqlite" }
tracing: { durability: $1 }
local_models: { enabled: false }
models:
  - { name: mock-model, provider: openai, base_url: "http://127.0.0.1:$MOCK_PORT/v1", upstream_model: mock,
      price: { input_per_mtok: 0.15, output_per_mtok: 0.6 } }
${3:-}
YAML
  LLMOPS_ADMIN_KEY=$KEY LOG_LEVEL=error "$BIN/llmops" serve --config "$dir/llmops.yaml" > "$dir/serve.log" 2>&1 &
  GW_PID=$!; pids+=($GW_PID)
  GW_PORT=$(wait_port "$dir/serve.log" 'serving on http://127\.0\.0\.1:[0-9]+')
}

measure() { # label url key connections [wrk script]
  local threads=$(( $4 < 2 ? 1 : 2 ))
  LLMOPS_BENCH_KEY="$3" wrk -t"$threads" -c"$4" -d"${SECONDS_PER_RUN}s" --latency -s "${5:-bench/gateway/chat.lua}" "$2/v1/chat/completions" \
    | grep RESULT | sed "s/^RESULT/$1 c=$4/" | tee -a "$OUT/results.txt"
}

: > "$OUT/results.txt"
for c in 1 16; do measure "direct-to-mock" "http://127.0.0.1:$MOCK_PORT" "" "$c"; done
for mode in strict fast; do
  start_gateway "$mode"
  for c in 1 16; do measure "gateway-$mode" "http://127.0.0.1:$GW_PORT" "$KEY" "$c"; done
  kill "$GW_PID"; wait "$GW_PID" 2>/dev/null || true
done

# Routing, limits and caching switched on (fast mode): a route with a retry, a fallback and an exact
# cache, called with a key that has rate limits and a daily budget. Unique questions (every one an
# exact-cache miss) give the overhead to compare with gateway-fast; one repeated question gives hits.
ROUTES='  - { name: mock-model-2, provider: openai, base_url: "http://127.0.0.1:'"$MOCK_PORT"'/v1", upstream_model: mock }
routes:
  - name: chat
    deployments: [{ model: mock-model, weight: 95 }, { model: mock-model-2, weight: 5 }]
    fallbacks: [mock-model-2]
    retries: { attempts: 1, backoff_ms: 10 }
    cache: { exact: { ttl_s: 600 } }'
start_gateway fast routed "$ROUTES"
LIMITED=$("$BIN/llmops" keys create --config "$GW_DIR/llmops.yaml" --project bench --role developer \
  --rpm 1000000000 --tpm 1000000000000 --budget-usd-day 1000000 2>/dev/null)
# The baseline is the same gateway and the same wrk script (a Lua request() per call costs wrk CPU
# that chat.lua's fixed body does not): the plain model with the admin key (no route, no limits, no
# cache), measured next to the route with the limited key.
for c in 1 16; do
  LLMOPS_BENCH_UNIQUE=1 LLMOPS_BENCH_MODEL=mock-model measure "plain-miss" "http://127.0.0.1:$GW_PORT" "$KEY" "$c" bench/gateway/routed.lua
  LLMOPS_BENCH_UNIQUE=1 measure "routed-miss" "http://127.0.0.1:$GW_PORT" "$LIMITED" "$c" bench/gateway/routed.lua
done
for c in 1 16; do measure "cache-hit" "http://127.0.0.1:$GW_PORT" "$LIMITED" "$c" bench/gateway/routed.lua; done
kill "$GW_PID"; wait "$GW_PID" 2>/dev/null || true

if [ "${BENCH_LITELLM:-0}" = "1" ]; then
  VENV=bench/out/litellm-venv
  [ -x "$VENV/bin/litellm" ] || { python3 -m venv "$VENV"; "$VENV/bin/pip" install -q 'litellm[proxy]'; }
  cat > "$OUT/litellm.yaml" <<YAML
model_list:
  - model_name: mock-model
    litellm_params: { model: openai/mock, api_base: "http://127.0.0.1:$MOCK_PORT/v1", api_key: sk-mock }
YAML
  LITELLM_PORT=$(( MOCK_PORT + 1 ))
  LITELLM_MASTER_KEY=sk-anything "$VENV/bin/litellm" --config "$OUT/litellm.yaml" --port "$LITELLM_PORT" --num_workers 1 > "$OUT/litellm.log" 2>&1 & pids+=($!)
  for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$LITELLM_PORT/health/liveliness" >/dev/null && break; sleep 0.2; done
  for c in 1 16; do measure "litellm-proxy" "http://127.0.0.1:$LITELLM_PORT" "sk-anything" "$c"; done
fi

# Memory: RSS of one gateway (fast mode, SQLite) after 100k and 200k requests.
start_gateway fast
rss_after() { # target request count
  while true; do
    local n; n=$(curl -s "http://127.0.0.1:$GW_PORT/metrics" | awk '/^llmops_requests_total/ {s+=$2} END {print s+0}')
    [ "$n" -ge "$1" ] && break
    LLMOPS_BENCH_KEY="$KEY" wrk -t2 -c16 -d2s -s bench/gateway/chat.lua "http://127.0.0.1:$GW_PORT/v1/chat/completions" >/dev/null
  done
  echo "$(awk '/VmRSS/ {print $2}' /proc/$GW_PID/status) kB after $n requests"
}
echo "memory rss $(rss_after 100000)" | tee -a "$OUT/results.txt"
echo "memory rss $(rss_after 200000)" | tee -a "$OUT/results.txt"

python3 - "$OUT/results.txt" <<'PY'
import re, sys
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"(\S+) c=(\d+) rps=([\d.]+) p50_ms=([\d.]+) p99_ms=([\d.]+) errors=(\d+)", line)
    if m:
        rows[(m[1], int(m[2]))] = tuple(float(x) for x in m.groups()[2:])
print("\n%-16s %5s %10s %9s %9s %7s" % ("target", "conns", "req/s", "p50 ms", "p99 ms", "errors"))
for (name, c), (rps, p50, p99, err) in rows.items():
    print("%-16s %5d %10.0f %9.3f %9.3f %7d" % (name, c, rps, p50, p99, err))
direct = rows.get(("direct-to-mock", 1))
for mode in ("strict", "fast"):
    gw = rows.get((f"gateway-{mode}", 1))
    if direct and gw:
        print(f"added latency ({mode}, 1 conn): p50 +{gw[1]-direct[1]:.3f} ms, p99 +{gw[2]-direct[2]:.3f} ms")
fast1, routed1 = rows.get(("plain-miss", 1)), rows.get(("routed-miss", 1))
fast16, routed16 = rows.get(("plain-miss", 16)), rows.get(("routed-miss", 16))
if direct and fast1 and routed1:
    base, added = fast1[1] - direct[1], routed1[1] - direct[1]
    print(f"routing+limits+cache on (1 conn): added p50 +{added:.3f} ms vs +{base:.3f} ms plain, same gateway and script ({(added/base-1)*100:+.0f}%)")
if fast16 and routed16:
    print(f"routing+limits+cache on (16 conns): {routed16[0]:.0f} req/s vs {fast16[0]:.0f} plain, same gateway and script ({(routed16[0]/fast16[0]-1)*100:+.0f}%)")
hit = rows.get(("cache-hit", 16))
if hit:
    print(f"exact-cache hits at 16 conns: {hit[0]:.0f} req/s")
lite = rows.get(("litellm-proxy", 16))
for mode in ("strict", "fast"):
    gw = rows.get((f"gateway-{mode}", 16))
    if lite and gw and lite[0] > 0:
        print(f"throughput at 16 conns vs LiteLLM ({mode}): {gw[0]/lite[0]:.0f}x")
PY
