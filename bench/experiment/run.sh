#!/usr/bin/env bash
# Experiment-runner benchmark: `llmops eval run` over 1,000 items at concurrency 16 against the mock
# upstream, and in the same run 1,000 plain chat requests at concurrency 16 (curl --parallel) straight
# to the mock (the upstream's own throughput) and through the same gateway. Prints the three times and
# the ratios (target: the experiment within 1.2x of the upstream's own throughput). Release build,
# SQLite, tracing strict. With the mock answering at once (BENCH_DELAY_MS=0) the upstream is ~10x
# faster than any gateway, so that ratio measures the gateway, not the runner; BENCH_DELAY_MS=20 is an
# upstream that takes time to answer, as models do.
#   make bench-experiment           (BENCH_ITEMS=1000 BENCH_CONCURRENCY=16 BENCH_REPEAT=3 BENCH_DELAY_MS=0)
set -euo pipefail
cd "$(dirname "$0")/../.."
ITEMS="${BENCH_ITEMS:-1000}"
CONCURRENCY="${BENCH_CONCURRENCY:-16}"
REPEAT="${BENCH_REPEAT:-3}"
DELAY_MS="${BENCH_DELAY_MS:-0}"
OUT="${BENCH_OUT:-bench/out/experiment}"
SCRATCH="${BENCH_SCRATCH:-.build-release}"
rm -rf "$OUT"; mkdir -p "$OUT"

[ -n "${BENCH_BIN:-}" ] || swift build -c release --scratch-path "$SCRATCH" --product llmops >&2
[ -n "${BENCH_BIN:-}" ] || swift build -c release --scratch-path "$SCRATCH" --product llmops-mock-upstream >&2
BIN="${BENCH_BIN:-$SCRATCH/release}"

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

"$BIN/llmops-mock-upstream" --port 0 --delay-ms "$DELAY_MS" > "$OUT/mock.log" 2>&1 & pids+=($!)
MOCK_PORT=$(wait_port "$OUT/mock.log" '127\.0\.0\.1:[0-9]+')

KEY="llmops-bench-admin-key-000000000000000"
cat > "$OUT/llmops.yaml" <<YAML
server: { host: 127.0.0.1, port: 0 }
storage: { url: "sqlite://$OUT/llmops.sqlite" }
tracing: { durability: strict }
local_models: { enabled: false }
models:
  - { name: mock-model, provider: openai, base_url: "http://127.0.0.1:$MOCK_PORT/v1", upstream_model: mock,
      price: { input_per_mtok: 0.15, output_per_mtok: 0.6 } }
YAML
LLMOPS_ADMIN_KEY=$KEY LOG_LEVEL=error "$BIN/llmops" serve --config "$OUT/llmops.yaml" > "$OUT/serve.log" 2>&1 & pids+=($!)
BASE="http://127.0.0.1:$(wait_port "$OUT/serve.log" 'serving on http://127\.0\.0\.1:[0-9]+')"

# The prompt under test and a dataset of $ITEMS questions with their expected (echoed) answers.
curl -sf -H "Authorization: Bearer $KEY" -H 'content-type: application/json' "$BASE/api/prompts" -d \
  '{"name": "bench-qa", "messages": [{"role": "user", "content": "{{question}}"}], "config": {"model": "mock-model"}}' >/dev/null
python3 - "$ITEMS" > "$OUT/items.jsonl" <<'PY'
import json, sys
for i in range(int(sys.argv[1])):
    print(json.dumps({"input": {"question": f"Say hello to number {i} in one short sentence."},
                      "expected_output": f"echo: Say hello to number {i} in one short sentence."}))
PY
curl -sf -H "Authorization: Bearer $KEY" "$BASE/api/datasets/bench-ds?format=jsonl" --data-binary @"$OUT/items.jsonl" >/dev/null
echo '{"model":"mock-model","messages":[{"role":"user","content":"Say hello to number 7 in one short sentence."}]}' > "$OUT/body.json"

now() { date +%s.%N; }
plain() { # [base url] -> seconds for $ITEMS requests, $CONCURRENCY at a time, each checked for a 200
  local start end
  start=$(now)
  # Bodies and the status line after each go to one file (-o only covers the first URL of a glob).
  curl -s --no-progress-meter --parallel --parallel-max "$CONCURRENCY" -H "Authorization: Bearer $KEY" \
    -H 'content-type: application/json' --data-binary @"$OUT/body.json" -w '\nSTATUS=%{http_code}\n' \
    "${1:-$BASE}/v1/chat/completions?n=[1-$ITEMS]" > "$OUT/plain.txt"
  end=$(now)
  local ok; ok=$(grep -c '^STATUS=200$' "$OUT/plain.txt" || true)
  [ "$ok" = "$ITEMS" ] || { echo "plain requests: only $ok of $ITEMS answered 200" >&2; grep '^STATUS=' "$OUT/plain.txt" | sort | uniq -c >&2; exit 1; }
  python3 -c "print(f'{$end - $start:.3f}')"
}
experiment() { # -> seconds for the whole `llmops eval run` process (create, run, store, summarize)
  local start end
  start=$(now)
  LLMOPS_URL="$BASE" LLMOPS_API_KEY="$KEY" "$BIN/llmops" eval run --dataset bench-ds --prompt bench-qa --metric exact \
    --metric bleu --concurrency "$CONCURRENCY" --fail-under exact=1 --quiet > "$OUT/experiment.txt"
  end=$(now)
  grep -q "items $ITEMS, failed 0" "$OUT/experiment.txt" || { cat "$OUT/experiment.txt" >&2; exit 1; }
  python3 -c "print(f'{$end - $start:.3f}')"
}

plain >/dev/null # warm-up: connections, JIT-free but caches and SQLite pages
: > "$OUT/results.txt"
for round in $(seq 1 "$REPEAT"); do
  d=$(plain "http://127.0.0.1:$MOCK_PORT"); p=$(plain); e=$(experiment)
  echo "round=$round direct_s=$d plain_s=$p experiment_s=$e" | tee -a "$OUT/results.txt"
done
python3 - "$OUT/results.txt" "$ITEMS" "$CONCURRENCY" "$DELAY_MS" <<'PY'
import re, statistics, sys
rows = [tuple(map(float, re.findall(r"=([\d.]+)", line)[1:])) for line in open(sys.argv[1])]
direct = statistics.median(r[0] for r in rows)
plain = statistics.median(r[1] for r in rows)
experiment = statistics.median(r[2] for r in rows)
items, concurrency, delay = sys.argv[2], sys.argv[3], sys.argv[4]
print(f"\n{items} items, concurrency {concurrency}, mock delay {delay} ms (median of {len(rows)} rounds)")
print(f"plain requests straight to the upstream: {direct:.3f} s ({int(items) / direct:.0f} req/s)")
print(f"plain requests through the gateway:      {plain:.3f} s ({int(items) / plain:.0f} req/s)")
print(f"llmops eval run (exact + bleu):          {experiment:.3f} s ({int(items) / experiment:.0f} items/s)")
print(f"ratio experiment / upstream's own throughput: {experiment / direct:.2f}x (target <= 1.2x)")
print(f"ratio experiment / plain through the gateway: {experiment / plain:.2f}x")
PY
