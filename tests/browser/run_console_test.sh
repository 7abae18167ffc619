#!/usr/bin/env bash
# Runs the console's browser test end to end: starts a mock upstream and `llmops serve` on free
# ports with a temporary data directory, sends some chat traffic through the gateway, then runs
# tests/browser with pytest + selenium against headless Chromium. Everything started here is
# stopped on exit.
#
#   tests/browser/run_console_test.sh path/to/llmops [extra pytest args]
set -euo pipefail

if [[ $# -lt 1 || ! -x "$1" ]]; then
    echo "usage: $0 path/to/llmops [pytest args...]" >&2
    exit 2
fi
LLMOPS_BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/llmops-console-test.XXXXXX")
PIDS=()

cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

wait_for() {  # wait_for URL LOGFILE
    for _ in $(seq 1 150); do
        if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
        sleep 0.2
    done
    echo "timed out waiting for $1; log:" >&2
    cat "$2" >&2
    exit 1
}

# The mock upstream: the Swift one when it was built next to llmops, the Python one otherwise.
UPSTREAM_PORT=$(free_port)
MOCK=""
for name in llmops-mock-upstream MockUpstreamServer; do
    if [[ -x "$(dirname "$LLMOPS_BIN")/$name" ]]; then MOCK="$(dirname "$LLMOPS_BIN")/$name"; break; fi
done
if [[ -n "$MOCK" ]]; then
    "$MOCK" --port "$UPSTREAM_PORT" >"$WORK/upstream.log" 2>&1 &
else
    python3 "$HERE/mock_upstream.py" "$UPSTREAM_PORT" >"$WORK/upstream.log" 2>&1 &
fi
PIDS+=($!)
for _ in $(seq 1 100); do
    (echo >"/dev/tcp/127.0.0.1/$UPSTREAM_PORT") 2>/dev/null && break
    sleep 0.1
done

cat >"$WORK/llmops.yaml" <<YAML
models:
  - name: mock-model
    provider: openai
    base_url: http://127.0.0.1:$UPSTREAM_PORT/v1
    upstream_model: mock
    price: { input_per_mtok: 0.15, output_per_mtok: 0.60 }
YAML

PORT=$(free_port)
export LLMOPS_ADMIN_KEY="llmops-console-test-$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
export LLMOPS_URL="http://127.0.0.1:$PORT"
"$LLMOPS_BIN" serve --config "$WORK/llmops.yaml" --port "$PORT" --data-dir "$WORK/data" >"$WORK/server.log" 2>&1 &
PIDS+=($!)
wait_for "$LLMOPS_URL/health" "$WORK/server.log"

chat() {  # chat USER SESSION PROMPT [MODEL]
    curl -sS -o /dev/null -w '%{http_code} ' "$LLMOPS_URL/v1/chat/completions" \
        -H "Authorization: Bearer $LLMOPS_ADMIN_KEY" -H 'Content-Type: application/json' -H "X-Session-Id: $2" \
        -d "{\"model\":\"${4:-mock-model}\",\"user\":\"$1\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"$3\"}]}"
}
echo -n "traffic: "
chat ada s-1 "What is the capital of France?"
chat ada s-1 "And of Italy?"
chat grace s-2 "Summarise <b>bold</b> & 'quoted' text"
chat grace s-2 "Hello" no-such-model
chat linus s-3 "Write a haiku about gateways"
echo

cd "$HERE"
python3 -m pytest -q -p no:cacheprovider "$@" test_console.py test_console_registry.py
