"""Operational behaviour of the real binary: Prometheus exposition and graceful shutdown."""
import os
import shutil
import signal
import subprocess
import tempfile
import threading

import pytest
import requests

from conftest import ADMIN_KEY, BIN_DIR, _read_port


def test_metrics_pass_promtool(gateway):
    requests.post(gateway["base"] + "/v1/chat/completions", timeout=10,
                  headers={"Authorization": "Bearer " + ADMIN_KEY},
                  json={"model": "mock-model", "messages": [{"role": "user", "content": "metrics"}]})
    text = requests.get(gateway["base"] + "/metrics", timeout=10).text
    assert "llmops_requests_total" in text
    promtool = shutil.which("promtool")
    if promtool is None:
        pytest.fail("promtool is missing: `apt-get install prometheus` (make test installs it)")
    check = subprocess.run([promtool, "check", "metrics"], input=text, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def _start_gateway(config, env):
    proc = subprocess.Popen([os.path.join(BIN_DIR, "llmops"), "serve", "--config", config],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    port = _read_port(proc, r"serving on http://127\.0\.0\.1:(\d+)")
    return proc, f"http://127.0.0.1:{port}"


def _write_config(data_dir, durability, model, base_url):
    """A one-model configuration on SQLite in `data_dir`; returns its path."""
    config = os.path.join(data_dir, "llmops.yaml")
    with open(config, "w") as f:
        f.write(f"""
server: {{ port: 0 }}
storage: {{ url: "sqlite://{data_dir}/llmops.sqlite" }}
tracing: {{ durability: {durability} }}
local_models: {{ enabled: false }}
models: [ {{ name: {model}, provider: openai, base_url: "{base_url}" }} ]
""")
    return config


def test_sigterm_drains_in_flight_requests_and_keeps_their_traces():
    slow_mock = subprocess.Popen([os.path.join(BIN_DIR, "llmops-mock-upstream"), "--port", "0", "--delay-ms", "1500"],
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    data_dir = tempfile.mkdtemp(prefix="llmops-sigterm-")
    try:
        mock_port = _read_port(slow_mock, r"http://127\.0\.0\.1:(\d+)")
        config = _write_config(data_dir, "fast", "slow-model", f"http://127.0.0.1:{mock_port}/v1")
        env = dict(os.environ, LLMOPS_ADMIN_KEY=ADMIN_KEY)
        proc, base = _start_gateway(config, env)
        result = {}

        def call():
            result["reply"] = requests.post(base + "/v1/chat/completions", timeout=30,
                                            headers={"Authorization": "Bearer " + ADMIN_KEY, "X-Session-Id": "drain"},
                                            json={"model": "slow-model", "messages": [{"role": "user", "content": "slow"}]})

        caller = threading.Thread(target=call)
        caller.start()
        threading.Event().wait(0.5)
        proc.send_signal(signal.SIGTERM)
        caller.join(timeout=30)
        assert result["reply"].status_code == 200, result["reply"].text
        assert result["reply"].json()["choices"][0]["message"]["content"] == "echo: slow"
        assert proc.wait(timeout=30) == 0

        proc, base = _start_gateway(config, env)
        try:
            traces = requests.get(base + "/api/traces", params={"session_id": "drain"}, timeout=10,
                                  headers={"Authorization": "Bearer " + ADMIN_KEY}).json()["data"]
            assert len(traces) == 1 and traces[0]["status"] == "ok"
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    finally:
        slow_mock.terminate()
        slow_mock.wait(timeout=10)
        shutil.rmtree(data_dir, ignore_errors=True)


def test_sigkill_right_after_answers_loses_no_acknowledged_trace(mock_upstream):
    """Strict mode answers once a trace is in the trace journal; a server killed with SIGKILL right
    after answering (before its writer applied the traces) applies them at the next start."""
    data_dir = tempfile.mkdtemp(prefix="llmops-sigkill-")
    try:
        config = _write_config(data_dir, "strict", "mock-model", mock_upstream)
        env = dict(os.environ, LLMOPS_ADMIN_KEY=ADMIN_KEY)
        headers = {"Authorization": "Bearer " + ADMIN_KEY, "X-Session-Id": "killed"}
        proc, base = _start_gateway(config, env)
        statuses = []

        def call(i):
            with requests.Session() as session:
                for j in range(10):
                    reply = session.post(base + "/v1/chat/completions", headers=headers, timeout=10,
                                         json={"model": "mock-model", "messages": [{"role": "user", "content": f"call {i}-{j}"}]})
                    statuses.append(reply.status_code)

        callers = [threading.Thread(target=call, args=(i,)) for i in range(4)]
        for caller in callers:
            caller.start()
        for caller in callers:
            caller.join(timeout=30)
        proc.kill()
        proc.wait(timeout=10)
        assert statuses == [200] * 40, statuses

        proc, base = _start_gateway(config, env)
        try:
            traces = requests.get(base + "/api/traces", params={"session_id": "killed", "limit": 100}, timeout=10,
                                  headers={"Authorization": "Bearer " + ADMIN_KEY}).json()["data"]
            inputs = sorted(t["input"][0]["content"] for t in traces)
            assert inputs == sorted(f"call {i}-{j}" for i in range(4) for j in range(10))
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def test_mock_upstream_serves_on_one_event_loop_and_rejects_a_negative_count():
    mock = os.path.join(BIN_DIR, "llmops-mock-upstream")
    bad = subprocess.run([mock, "--event-loops=-1"], capture_output=True, text=True, timeout=30)
    assert bad.returncode == 64
    assert "--event-loops must be 0 (one per core) or more, got -1." in bad.stderr
    proc = subprocess.Popen([mock, "--port", "0", "--event-loops", "1"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        port = _read_port(proc, r"http://127\.0\.0\.1:(\d+)")
        threads = [open(f"/proc/{proc.pid}/task/{t}/comm").read().strip() for t in os.listdir(f"/proc/{proc.pid}/task")]
        assert sum(1 for name in threads if name.startswith("NIO-SGLTN")) == 1, threads
        answer = requests.post(f"http://127.0.0.1:{port}/v1/chat/completions", timeout=10,
                               json={"model": "m", "messages": [{"role": "user", "content": "one loop"}]}).json()
        assert answer["choices"][0]["message"]["content"] == "echo: one loop"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
