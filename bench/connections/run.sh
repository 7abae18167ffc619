#!/usr/bin/env bash
# Slow connections: requests per second on /health and on a chat call through the gateway (to the
# mock upstream) with wrk, first alone and then while 1,000 slow connections (a slowloris: a request
# head that never ends) hold sockets open, in one run; the server's open descriptors are read from
# /proc during both. The server runs with its defaults (header timeout 10 s, max_connections from
# the descriptor limit) unless BENCH_YAML adds server keys.
#   make bench-connections   (BIN=.build/debug for a debug binary; release by default)
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT="${BENCH_OUT:-bench/out/connections}"
SLOW="${BENCH_SLOW:-1000}"
SECONDS_PER_RUN="${BENCH_SECONDS:-10}"
mkdir -p "$OUT"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
if [ -z "${BIN:-}" ]; then
  swift build -c release --scratch-path .build-release --product llmops >&2
  swift build -c release --scratch-path .build-release --product llmops-mock-upstream >&2
  BIN=.build-release/release
fi

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
wait_port() { # file pattern
  for _ in $(seq 1 300); do
    if grep -qE "$2" "$1" 2>/dev/null; then grep -oE "$2" "$1" | head -1 | grep -oE '[0-9]+$'; return; fi
    sleep 0.1
  done
  echo "no port in $1" >&2; cat "$1" >&2; exit 1
}

"$BIN/llmops-mock-upstream" --port 0 --event-loops 1 > "$OUT/mock.log" 2>&1 & pids+=($!)
MOCK_PORT=$(wait_port "$OUT/mock.log" '127\.0\.0\.1:[0-9]+')
DIR="$OUT/data"; rm -rf "$DIR"; mkdir -p "$DIR"
cat > "$DIR/llmops.yaml" <<YAML
server: { host: 127.0.0.1, port: 0 }
storage: { url: "sqlite://$DIR/llmops.sqlite" }
tracing: { durability: fast }
local_models: { enabled: false }
models:
  - { name: mock-model, provider: openai, base_url: "http://127.0.0.1:$MOCK_PORT/v1", upstream_model: mock }
${BENCH_YAML:-}
YAML
KEY="llmops-bench-admin-key-000000000000000"
LLMOPS_ADMIN_KEY=$KEY LOG_LEVEL=error "$BIN/llmops" serve --config "$DIR/llmops.yaml" > "$DIR/serve.log" 2>&1 &
GW_PID=$!; pids+=($GW_PID)
PORT=$(wait_port "$DIR/serve.log" 'serving on http://127\.0\.0\.1:[0-9]+')
DEV=$("$BIN/llmops" keys create --config "$DIR/llmops.yaml" --project bench --role developer 2>/dev/null)

fds() { ls "/proc/$GW_PID/fd" | wc -l; }
requests() { # label path [lua]
  local args=(-t1 -c8 -d"${SECONDS_PER_RUN}s" --latency)
  [ -n "${3:-}" ] && args+=(-s "$3")
  local result rps p99 before after
  before=$(fds)
  result=$(LLMOPS_BENCH_KEY="$DEV" wrk "${args[@]}" "http://127.0.0.1:$PORT$2" 2>&1)
  after=$(fds)
  rps=$(echo "$result" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$result" | awk '$1 == "99%" {print $2}')
  local errors; errors=$(echo "$result" | awk '/Non-2xx|Socket errors/ {print}' | tr '\n' ' ')
  printf "%-34s %10s req/s  p99 %-9s fds %s -> %s  %s\n" "$1" "$rps" "$p99" "$before" "$after" "$errors"
}

echo "llmops $(git rev-parse --short HEAD), $(nproc) cores, descriptor limit $(ulimit -n), $SLOW slow connections"
requests "health, alone" /health
requests "chat, alone" /v1/chat/completions bench/gateway/chat.lua
python3 bench/connections/slow_clients.py "$PORT" "$SLOW" $(( 2 * SECONDS_PER_RUN + 15 )) > "$OUT/slow.log" 2>&1 &
SLOW_PID=$!; pids+=($SLOW_PID)
for _ in $(seq 1 100); do grep -q "^open" "$OUT/slow.log" 2>/dev/null && break; sleep 0.1; done
sleep 3
echo "slow clients: $(tail -1 "$OUT/slow.log"); server fds $(fds)"
requests "health, $SLOW slow connections" /health
requests "chat, $SLOW slow connections" /v1/chat/completions bench/gateway/chat.lua
echo "slow clients: $(tail -1 "$OUT/slow.log"); server fds $(fds)"
wait "$SLOW_PID" || true
echo "slow clients at the end: $(tail -1 "$OUT/slow.log")"
curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && echo "server still answers /health"
