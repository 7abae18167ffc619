#!/usr/bin/env bash
# Gateway benchmark: the mock upstream answering at once on loopback, measured directly and through
# `llmops serve` (release build, SQLite, tracing strict — with its trace journal, and committing each
# call's trace as the baseline — and fast) with wrk at 1 and 16 connections,
# all in one run, in BENCH_ROUNDS interleaved rounds (medians printed). With BENCH_LITELLM=1 the
# LiteLLM proxy (pip litellm[proxy], one worker) is measured against the same mock too. Then a memory check: RSS after 100k and 200k requests.
#   make bench-gateway     (BENCH_SECONDS=20 per target by default, split into BENCH_ROUNDS=10 rounds)
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

# One event loop: the mock stands in for an upstream on another machine, and on one loop it takes
# about a fifth less of the two cores it shares with the gateway and wrk (measured 2026-12-04).
"$BIN/llmops-mock-upstream" --port 0 --event-loops 1 > "$OUT/mock.log" 2>&1 & pids+=($!)
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


# Every gateway runs side by side and each target is measured in BENCH_ROUNDS short rounds,
# interleaved with direct-to-mock rounds: on a shared host the speed of the machine drifts between
# minutes, so an added latency is taken within one round (gateway p50 minus the direct p50 of the
# same round) and the figures are medians over rounds. Idle gateways cost nothing meanwhile.
ROUNDS="${BENCH_ROUNDS:-10}"
ROUND_SECONDS=$(( SECONDS_PER_RUN / ROUNDS < 1 ? 1 : SECONDS_PER_RUN / ROUNDS ))
start_gateway strict; STRICT_PORT=$GW_PORT
# The baseline of strict mode's trace journal: strict with each call waiting for a SQLite commit.
start_gateway "strict, journal: false" strict-commit; STRICT_COMMIT_PORT=$GW_PORT
start_gateway fast; FAST_PORT=$GW_PORT

# Routing, limits and caching switched on (fast mode): a route with a retry, a fallback and an exact
# cache, called with a key that has rate limits and a daily budget. Unique questions (every one an
# exact-cache miss) give the overhead to compare with plain calls; one repeated question gives hits.
ROUTES='  - { name: mock-model-2, provider: openai, base_url: "http://127.0.0.1:'"$MOCK_PORT"'/v1", upstream_model: mock }
routes:
  - name: chat
    deployments: [{ model: mock-model, weight: 95 }, { model: mock-model-2, weight: 5 }]
    fallbacks: [mock-model-2]
    retries: { attempts: 1, backoff_ms: 10 }
    cache: { exact: { ttl_s: 600 } }'
start_gateway fast routed "$ROUTES"; ROUTED_PORT=$GW_PORT
LIMITED=$("$BIN/llmops" keys create --config "$GW_DIR/llmops.yaml" --project bench --role developer \
  --rpm 1000000000 --tpm 1000000000000 --budget-usd-day 1000000 2>/dev/null)

measure() { # label url key connections seconds [wrk script]
  local threads=$(( $4 < 2 ? 1 : 2 ))
  LLMOPS_BENCH_KEY="$3" wrk -t"$threads" -c"$4" -d"${5}s" --latency -s "${6:-bench/gateway/chat.lua}" "$2/v1/chat/completions" \
    | grep RESULT | sed "s/^RESULT/$1 c=$4/"
}
# The baseline of the routed figures is the same gateway and the same wrk script (a Lua request() per
# call costs wrk CPU that chat.lua's fixed body does not): the plain model with the admin key (no
# route, no limits, no cache), measured next to the route with the limited key.
measure_target() { # target connections seconds
  case "$1" in
    direct-to-mock) measure "$1" "http://127.0.0.1:$MOCK_PORT" "" "$2" "$3" ;;
    gateway-strict) measure "$1" "http://127.0.0.1:$STRICT_PORT" "$KEY" "$2" "$3" ;;
    gateway-strict-commit) measure "$1" "http://127.0.0.1:$STRICT_COMMIT_PORT" "$KEY" "$2" "$3" ;;
    gateway-fast) measure "$1" "http://127.0.0.1:$FAST_PORT" "$KEY" "$2" "$3" ;;
    plain-miss) LLMOPS_BENCH_UNIQUE=1 LLMOPS_BENCH_MODEL=mock-model measure "$1" "http://127.0.0.1:$ROUTED_PORT" "$KEY" "$2" "$3" bench/gateway/routed.lua ;;
    routed-miss) LLMOPS_BENCH_UNIQUE=1 measure "$1" "http://127.0.0.1:$ROUTED_PORT" "$LIMITED" "$2" "$3" bench/gateway/routed.lua ;;
    cache-hit) measure "$1" "http://127.0.0.1:$ROUTED_PORT" "$LIMITED" "$2" "$3" bench/gateway/routed.lua ;;
  esac
}
# Odd rounds measure the targets in this order, even rounds in reverse (ABBA), so a drift of the
# machine's speed within a round does not favour the targets measured first.
TARGETS=(direct-to-mock gateway-strict gateway-strict-commit gateway-fast plain-miss routed-miss cache-hit)
one_round() { # connections seconds round
  local order=("${TARGETS[@]}")
  if (( $3 % 2 == 0 )); then order=(); for (( i=${#TARGETS[@]}-1; i>=0; i-- )); do order+=("${TARGETS[$i]}"); done; fi
  for target in "${order[@]}"; do measure_target "$target" "$1" "$2"; done
}
echo "warm-up: one 1-second round at 16 conns (not counted)" >&2
one_round 16 1 1 > /dev/null
: > "$OUT/results.txt"
for c in 1 16; do
  for r in $(seq 1 "$ROUNDS"); do
    echo "round $r/$ROUNDS at $c conns (${ROUND_SECONDS} s per target)" >&2
    one_round "$c" "$ROUND_SECONDS" "$r" | sed "s/^/round=$r /" | tee -a "$OUT/results.txt"
  done
done
for p in "${pids[@]:1}"; do kill "$p" 2>/dev/null || true; done
for p in "${pids[@]:1}"; do wait "$p" 2>/dev/null || true; done
pids=("${pids[0]}")

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
  for c in 1 16; do measure "litellm-proxy" "http://127.0.0.1:$LITELLM_PORT" "sk-anything" "$c" "$SECONDS_PER_RUN" | tee -a "$OUT/results.txt"; done
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
import re, sys, statistics
rounds = {}  # (target, conns) -> [(round, rps, p50, p99, errors)]
for line in open(sys.argv[1]):
    m = re.match(r"(?:round=(\d+) )?(\S+) c=(\d+) rps=([\d.]+) p50_ms=([\d.]+) p99_ms=([\d.]+) errors=(\d+)", line)
    if m:
        rounds.setdefault((m[2], int(m[3])), []).append((int(m[1] or 0),) + tuple(float(x) for x in m.groups()[3:]))
med = statistics.median
print("\nmedians over rounds (interleaved: every round measures each target once)")
print("%-21s %5s %7s %10s %9s %9s %7s" % ("target", "conns", "rounds", "req/s", "p50 ms", "p99 ms", "errors"))
rows = {}
for (name, c), rs in rounds.items():
    rows[(name, c)] = (med(r[1] for r in rs), med(r[2] for r in rs), med(r[3] for r in rs), int(sum(r[4] for r in rs)))
    print("%-21s %5d %7d %10.0f %9.3f %9.3f %7d" % ((name, c, len(rs)) + rows[(name, c)]))
def added(target, c, column, baseline="direct-to-mock"):  # per round: the target minus the baseline of the same round
    base = {r[0]: r for r in rounds.get((baseline, c), [])}
    values = [r[column] - base[r[0]][column] for r in rounds.get((target, c), []) if r[0] in base]
    return (med(values), min(values), max(values)) if values else None
for mode in ("strict", "strict-commit", "fast"):
    p50, p99 = added(f"gateway-{mode}", 1, 2), added(f"gateway-{mode}", 1, 3)
    if p50 and p99:
        print(f"added latency ({mode}, 1 conn): p50 {p50[0]:+.3f} ms, p99 {p99[0]:+.3f} ms"
              f"  (rounds: p50 {p50[1]:+.3f}..{p50[2]:+.3f}, p99 {p99[1]:+.3f}..{p99[2]:+.3f})")
# Routed against plain two ways: the medians of their added latencies, and routed minus plain within
# each round (the two are measured back to back on the same gateway, so the machine's drift between
# rounds cancels, as it does for every added latency); each as a share of plain's added p50.
base, routed = added("plain-miss", 1, 2), added("routed-miss", 1, 2)
extra = added("routed-miss", 1, 2, baseline="plain-miss")
if base and routed and extra:
    print(f"routing+limits+cache on (1 conn): added p50 {routed[0]:+.3f} ms vs {base[0]:+.3f} ms plain, same gateway "
          f"and script ({(routed[0] / base[0] - 1) * 100:+.0f}%); routed minus plain within rounds {extra[0]:+.3f} ms "
          f"(rounds {extra[1]:+.3f}..{extra[2]:+.3f}, {extra[0] / base[0] * 100:+.0f}%)")
plain16, routed16 = rows.get(("plain-miss", 16)), rows.get(("routed-miss", 16))
if plain16 and routed16:
    print(f"routing+limits+cache on (16 conns): {routed16[0]:.0f} req/s vs {plain16[0]:.0f} plain, "
          f"same gateway and script ({(routed16[0] / plain16[0] - 1) * 100:+.0f}%)")
hit = rows.get(("cache-hit", 16))
if hit:
    print(f"exact-cache hits at 16 conns: {hit[0]:.0f} req/s")
lite = rows.get(("litellm-proxy", 16))
for mode in ("strict", "strict-commit", "fast"):
    gw = rows.get((f"gateway-{mode}", 16))
    if lite and gw and lite[0] > 0:
        print(f"throughput at 16 conns vs LiteLLM ({mode}): {gw[0] / lite[0]:.0f}x")
PY
