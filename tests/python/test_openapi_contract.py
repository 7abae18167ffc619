"""The OpenAPI document at /api/openapi.json against the real server, checked by schemathesis with a
viewer's, a developer's and an admin's key: no 5xx, no status, content type or body the document
does not describe. The server gets its own data directory (the fuzzing changes keys and routes), and
the throttle on failed authentication is opened wide: schemathesis sends requests without a key on
purpose, and a throttled address would answer 429 to everything after them (AuthThrottleTests
covers the throttle)."""
import os
import shutil
import subprocess
import tempfile

import pytest
import requests

from conftest import BIN_DIR, _read_port

ADMIN_KEY = "llmops-contract-admin-key-0123456789"
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"
MAX_EXAMPLES = os.environ.get("LLMOPS_SCHEMATHESIS_EXAMPLES", "15")


@pytest.fixture(scope="module")
def contract_gateway(mock_upstream):
    data_dir = tempfile.mkdtemp(prefix="llmops-contract-")
    config = os.path.join(data_dir, "llmops.yaml")
    with open(config, "w") as f:
        f.write(f"""
server: {{ host: 127.0.0.1, port: 0, auth_failures_per_address: 1000000, auth_failures_per_prefix: 1000000 }}
storage: {{ url: "sqlite://{data_dir}/llmops.sqlite" }}
local_models: {{ enabled: false }}
models:
  - name: mock-model
    provider: openai
    base_url: {mock_upstream}
    api_key: env:MOCK_UPSTREAM_KEY
    upstream_model: mock-upstream-model
""")
    env = dict(os.environ, LLMOPS_ADMIN_KEY=ADMIN_KEY, MOCK_UPSTREAM_KEY="sk-mock")
    proc = subprocess.Popen([os.path.join(BIN_DIR, "llmops"), "serve", "--config", config],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        port = _read_port(proc, r"serving on http://127\.0\.0\.1:(\d+)")
        base = f"http://127.0.0.1:{port}"
        keys = {"admin": ADMIN_KEY}
        for role in ("viewer", "developer"):
            reply = requests.post(base + "/api/keys", json={"role": role, "name": f"contract-{role}"},
                                  headers={"authorization": f"Bearer {ADMIN_KEY}"}, timeout=10)
            assert reply.status_code == 201, reply.text
            keys[role] = reply.json()["key"]
        yield {"base": base, "keys": keys, "process": proc}
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        shutil.rmtree(data_dir, ignore_errors=True)


def test_the_document_describes_every_api_route(contract_gateway):
    document = requests.get(contract_gateway["base"] + "/api/openapi.json", timeout=10).json()
    assert document["openapi"].startswith("3.")
    paths = document["paths"]
    for path in ("/v1/chat/completions", "/v1/embeddings", "/v1/models", "/api/traces", "/api/traces/{id}",
                 "/api/keys", "/health", "/ready", "/metrics", "/api/openapi.json"):
        assert path in paths, path
    error = document["components"]["schemas"]["Error"]["properties"]["error"]
    assert set(error["required"]) == {"message", "type", "param", "code"}
    for path, item in paths.items():
        for method, operation in item.items():
            statuses = operation["responses"]
            if operation["security"]:
                assert {"401", "403"} <= set(statuses), f"{method} {path}"
            for status, response in statuses.items():
                if int(status) >= 400:
                    assert response["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}


@pytest.mark.parametrize("role", ["viewer", "developer", "admin"])
def test_schemathesis_finds_no_server_error_and_no_schema_violation(contract_gateway, role):
    base = contract_gateway["base"]
    command = [shutil.which("schemathesis") or "schemathesis", "run", base + "/api/openapi.json",
               "--header", f"Authorization: Bearer {contract_gateway['keys'][role]}",
               "--checks", CHECKS, "--max-examples", MAX_EXAMPLES, "--seed", "21", "--workers", "2",
               "--phases", "examples,coverage,fuzzing,stateful", "--request-timeout", "20",
               "--suppress-health-check", "all", "--no-color"]
    here = os.path.dirname(os.path.abspath(__file__))
    env = dict(os.environ, SCHEMATHESIS_HOOKS="schemathesis_hooks",
               PYTHONPATH=os.pathsep.join(filter(None, [here, os.environ.get("PYTHONPATH")])))
    # In a scratch directory: schemathesis keeps a cache where it runs.
    scratch = tempfile.mkdtemp(prefix="llmops-schemathesis-")
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=900, env=env, cwd=scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    assert contract_gateway["process"].poll() is None, "the server died under schemathesis"
    assert requests.get(base + "/health", timeout=5).status_code == 200
    assert result.returncode == 0, result.stdout[-20000:] + result.stderr[-4000:]
