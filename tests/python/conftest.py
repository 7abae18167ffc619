"""Starts the real `llmops serve` and the mock upstream as processes for the client tests."""
import os
import re
import socket
import subprocess
import tempfile
import time

import pytest
import requests

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN_DIR = os.environ.get("LLMOPS_BIN_DIR", os.path.join(ROOT, ".build", "debug"))
ADMIN_KEY = "llmops-test-admin-key-0123456789"


def _read_port(proc, pattern, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        line = proc.stdout.readline()
        if not line:
            if proc.poll() is not None:
                raise RuntimeError(f"process exited with {proc.returncode}")
            continue
        match = re.search(pattern, line)
        if match:
            return int(match.group(1))
    raise RuntimeError("process did not report its port in time")


@pytest.fixture(scope="session")
def mock_upstream():
    proc = subprocess.Popen([os.path.join(BIN_DIR, "llmops-mock-upstream"), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        port = _read_port(proc, r"http://127\.0\.0\.1:(\d+)")
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def gateway(mock_upstream):
    data_dir = tempfile.mkdtemp(prefix="llmops-pytest-")
    config = os.path.join(data_dir, "llmops.yaml")
    with open(config, "w") as f:
        f.write(f"""
server: {{ host: 127.0.0.1, port: 0 }}
storage: {{ url: "sqlite://{data_dir}/llmops.sqlite" }}
tracing: {{ durability: strict }}
local_models: {{ enabled: false }}
models:
  - name: mock-model
    provider: openai
    base_url: {mock_upstream}
    api_key: env:MOCK_UPSTREAM_KEY
    upstream_model: mock-upstream-model
    price: {{ input_per_mtok: 1.0, output_per_mtok: 2.0 }}
""")
    env = dict(os.environ, LLMOPS_ADMIN_KEY=ADMIN_KEY, MOCK_UPSTREAM_KEY="sk-mock")
    proc = subprocess.Popen([os.path.join(BIN_DIR, "llmops"), "serve", "--config", config],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        port = _read_port(proc, r"serving on http://127\.0\.0\.1:(\d+)")
        base = f"http://127.0.0.1:{port}"
        assert requests.get(base + "/health", timeout=5).status_code == 200
        yield {"base": base, "admin_key": ADMIN_KEY, "process": proc, "data_dir": data_dir}
    finally:
        proc.terminate()
        proc.wait(timeout=20)
