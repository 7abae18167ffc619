"""`llmops eval run` as CI runs it: a prompt over a dataset through the real server, a table, a JUnit
file, thresholds and a baseline comparison deciding the exit code, and a run interrupted with Ctrl-C then resumed."""
import json
import os
import signal
import subprocess
import tempfile
import time

import pytest
import requests

from conftest import ADMIN_KEY, BIN_DIR, _read_port

LLMOPS = os.path.join(BIN_DIR, "llmops")


def cli(base, *args, timeout=120):
    env = dict(os.environ, LLMOPS_URL=base, LLMOPS_API_KEY=ADMIN_KEY)
    return subprocess.run([LLMOPS, *args], capture_output=True, text=True, timeout=timeout, env=env)


def write(text, suffix):
    handle, path = tempfile.mkstemp(suffix=suffix)
    with os.fdopen(handle, "w") as f:
        f.write(text)
    return path


def api(base, method, path, **kwargs):
    reply = requests.request(method, base + path, headers={"Authorization": f"Bearer {ADMIN_KEY}"}, timeout=10, **kwargs)
    return reply


def setup_prompt_and_dataset(base, prompt, dataset, count):
    """Version 1 echoes the question back (every answer matches), version 2 prefixes it (none do)."""
    v1 = {"name": prompt, "messages": [{"role": "user", "content": "{{question}}"}], "config": {"model": "mock-model"},
          "labels": ["production"]}
    v2 = {"name": prompt, "messages": [{"role": "user", "content": "Q: {{question}}"}], "config": {"model": "mock-model"}}
    for body in (v1, v2):
        assert api(base, "POST", "/api/prompts", json=body).status_code == 201
    lines = "".join(json.dumps({"input": {"question": f"question {i}"}, "expected_output": f"echo: question {i}"}) + "\n"
                    for i in range(count))
    reply = api(base, "POST", f"/api/datasets/{dataset}?format=jsonl", data=lines)
    assert reply.status_code == 201, reply.text


def run_id(output):
    return output.splitlines()[0].split()[1]


def test_eval_run_table_junit_thresholds_and_baseline(gateway):
    base = gateway["base"]
    setup_prompt_and_dataset(base, "eval-qa", "eval-ds", 8)
    junit = os.path.join(tempfile.mkdtemp(), "out.xml")
    good = cli(base, "eval", "run", "--dataset", "eval-ds", "--prompt", "eval-qa@production", "--metric", "exact",
               "--metric", "bleu", "--fail-under", "exact=0.9", "--junit", junit, "--concurrency", "4")
    assert good.returncode == 0, good.stdout + good.stderr
    lines = good.stdout.splitlines()
    assert lines[0].startswith("run run_") and "target eval-qa@1" in lines[0] and "(8 items)" in lines[0]
    assert ["exact", "1", "-", "8", "0"] in [line.split() for line in lines]
    assert ["bleu", "100", "100", "8", "0"] in [line.split() for line in lines]
    assert "items 8, failed 0" in good.stdout
    assert "gate: PASSED" in good.stdout and "ok   exact 1 >= 0.9 (threshold)" in good.stdout
    xml = open(junit).read()
    assert 'tests="1" failures="0"' in xml and 'name="exact threshold"' in xml
    baseline = run_id(good.stdout)

    stored = api(base, "GET", f"/api/experiments/{baseline}").json()
    assert stored["status"] == "finished" and stored["summary"]["passed"] is True
    assert len(stored["items"]) == 8 and stored["items"][0]["output"] == "echo: question 0"
    assert stored["items"][0]["trace_id"] and stored["items"][0]["cost"] > 0
    assert stored["plan"]["target"] == {"type": "prompt", "prompt": "eval-qa", "version": 1}
    traces = api(base, "GET", "/api/traces?prompt=eval-qa@1&limit=100").json()["data"]
    assert len(traces) == 8 and traces[0]["metadata"]["experiment_run"] == baseline

    worse = cli(base, "eval", "run", "--dataset", "eval-ds", "--prompt", "eval-qa@2", "--metric", "exact",
                "--baseline", baseline, "--junit", junit)
    assert worse.returncode == 1, worse.stdout + worse.stderr
    assert "vs baseline " + baseline in worse.stdout
    assert ["exact", "1", "0", "-1"] == [cell for cell in next(line for line in worse.stdout.splitlines()
                                                               if line.startswith("exact") and "[" in line).split()[:4]]
    assert "0/0/8" in worse.stdout and "worse items: #0 (-1)" in worse.stdout
    assert "gate: FAILED" in worse.stdout and "significant regression" in worse.stdout
    assert 'failures="1"' in open(junit).read()

    other = api(base, "POST", "/api/datasets/eval-other?format=jsonl", data='{"input": {"question": "x"}}\n')
    assert other.status_code == 201
    mismatch = cli(base, "eval", "run", "--dataset", "eval-other", "--prompt", "eval-qa@2", "--metric", "exact",
                   "--baseline", baseline)
    assert mismatch.returncode == 2 and "compare runs of the same dataset version" in mismatch.stderr

    below = cli(base, "eval", "run", "--dataset", "eval-ds", "--prompt", "eval-qa@2", "--metric", "exact",
                "--fail-under", "exact=0.5", "--quiet")
    assert below.returncode == 1 and "FAIL exact 0 < 0.5 (threshold)" in below.stdout
    assert below.stderr == "", "--quiet prints no progress"


def test_eval_run_bad_arguments_are_explained(gateway):
    base = gateway["base"]
    cases = [
        (["--prompt", "x@1", "--metric", "exact"], "--dataset is required"),
        (["--dataset", "eval-ds", "--metric", "exact"], "give --prompt NAME@LABEL or --model MODEL"),
        (["--dataset", "eval-ds", "--prompt", "eval-qa"], "give at least one --metric"),
        (["--dataset", "eval-ds", "--prompt", "eval-qa", "--metric", "exact", "--concurrency", "0"], "between 1 and 256"),
        (["--dataset", "nope-ds", "--prompt", "eval-qa", "--metric", "exact"], "No dataset version 'nope-ds'"),
        (["--dataset", "eval-ds", "--prompt", "nope@production", "--metric", "exact"], "No prompt named 'nope'"),
        (["--dataset", "eval-ds", "--prompt", "eval-qa", "--metric", "blue"], "unknown metric 'blue'"),
        (["--dataset", "eval-ds", "--prompt", "eval-qa", "--metric", "exact", "--fail-under", "bleu=3"],
         "names metric 'bleu', which this run does not compute"),
        (["--resume", "run_nope"], "No experiment run 'run_nope'"),
    ]
    for args, message in cases:
        result = cli(base, "eval", "run", *args)
        assert result.returncode == 2, (args, result.returncode)
        assert message in result.stderr, (args, result.stderr)


@pytest.fixture()
def slow_gateway():
    """A server whose upstream answers after 40 ms, so a run can be interrupted part-way."""
    mock = subprocess.Popen([os.path.join(BIN_DIR, "llmops-mock-upstream"), "--port", "0", "--delay-ms", "40"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    data_dir = tempfile.mkdtemp(prefix="llmops-eval-")
    server = None
    try:
        mock_port = _read_port(mock, r"http://127\.0\.0\.1:(\d+)")
        config = write(f"""
server: {{ host: 127.0.0.1, port: 0 }}
storage: {{ url: "sqlite://{data_dir}/llmops.sqlite" }}
local_models: {{ enabled: false }}
models:
  - {{ name: mock-model, provider: openai, base_url: "http://127.0.0.1:{mock_port}/v1", api_key: sk-mock,
      upstream_model: mock-upstream-model }}
""", ".yaml")
        server = subprocess.Popen([LLMOPS, "serve", "--config", config], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  text=True, env=dict(os.environ, LLMOPS_ADMIN_KEY=ADMIN_KEY))
        port = _read_port(server, r"serving on http://127\.0\.0\.1:(\d+)")
        yield f"http://127.0.0.1:{port}"
    finally:
        for proc in (server, mock):
            if proc:
                proc.terminate()
                proc.wait(timeout=20)


def test_interrupted_run_resumes_without_rerunning_finished_items(slow_gateway):
    """Ctrl-C stops starting items and stores every finished one; --resume runs only the rest."""
    base = slow_gateway
    setup_prompt_and_dataset(base, "resume-qa", "resume-ds", 40)
    env = dict(os.environ, LLMOPS_URL=base, LLMOPS_API_KEY=ADMIN_KEY)
    proc = subprocess.Popen([LLMOPS, "eval", "run", "--dataset", "resume-ds", "--prompt", "resume-qa@production",
                             "--metric", "exact", "--concurrency", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)
    run, done = None, 0
    deadline = time.time() + 30
    while time.time() < deadline and done < 5:
        runs = api(base, "GET", "/api/experiments?limit=1").json()["data"]
        if runs:
            run = runs[0]["id"]
            done = len(api(base, "GET", f"/api/experiments/{run}").json()["items"])
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=20)
    stored = len(api(base, "GET", f"/api/experiments/{run}").json()["items"])
    assert 5 <= stored < 40, f"the run was interrupted part-way ({stored} of 40 stored)"
    assert proc.returncode == 130
    assert f"interrupted: {stored} of 40 items are stored; continue with: llmops eval run --resume {run}" in stderr, stderr
    assert api(base, "GET", f"/api/experiments/{run}").json()["status"] == "running"

    resumed = cli(base, "eval", "run", "--resume", run, "--concurrency", "4", "--fail-under", "exact=1")
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    assert f"resumed: {stored} items were already done, {40 - stored} ran now" in resumed.stdout
    assert "items 40, failed 0" in resumed.stdout
    final = api(base, "GET", f"/api/experiments/{run}").json()
    assert final["status"] == "finished" and len(final["items"]) == 40
    calls = len(api(base, "GET", "/api/traces?prompt=resume-qa@1&limit=1000").json()["data"])
    # Only the call in flight when the run was interrupted can have run twice.
    assert 40 <= calls <= 41, calls
