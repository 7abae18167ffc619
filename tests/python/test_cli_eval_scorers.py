"""`llmops eval run` with an LLM judge (answers scripted on the mock upstream), external scorers
(a real script and a real loopback HTTP endpoint), normalization flags, exit codes, and
`llmops eval compare` on the stored runs."""
import json
import os
import select
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests

from test_cli_eval import api, cli, run_id

FIXTURES = os.path.join(os.path.dirname(__file__), "fixtures")
SCORER = os.path.join(FIXTURES, "keyword_scorer.py")


def set_mock_rules(mock_upstream, rules):
    reply = requests.post(mock_upstream[: -len("/v1")] + "/mock/rules", json={"rules": rules}, timeout=5)
    assert reply.status_code == 200, reply.text


def push(base, body):
    reply = api(base, "POST", "/api/prompts", json=body)
    assert reply.status_code == 201, reply.text


def dataset(base, name, items):
    lines = "".join(json.dumps(item) + "\n" for item in items)
    reply = api(base, "POST", f"/api/datasets/{name}?format=jsonl", data=lines)
    assert reply.status_code == 201, reply.text


def stored_items(base, run):
    return api(base, "GET", f"/api/experiments/{run}").json()["items"]


def table_row(output, metric):
    return next(line.split() for line in output.splitlines() if line.split()[:1] == [metric])


def test_llm_judge_scores_with_reasons_and_errors(gateway, mock_upstream):
    base = gateway["base"]
    push(base, {"name": "judged-qa", "messages": [{"role": "user", "content": "{{question}}"}],
                "config": {"model": "mock-model"}})
    push(base, {"name": "grader", "messages": [
        {"role": "system", "content": "Grade the answer from 1 to 5. Reply with JSON {\"score\", \"reason\"}."},
        {"role": "user", "content": "JUDGE {{output}} | reference: {{expected}}"}],
        "config": {"model": "mock-model", "score_range": [1, 5]}, "labels": ["production"]})
    kinds = ["good", "fenced", "chatty", "high", "failing"]
    dataset(base, "judged-ds", [{"input": {"question": f"{kind}-{i}"}, "expected_output": f"echo: {kind}-{i}"}
                                for i, kind in enumerate(kinds)])
    set_mock_rules(mock_upstream, [
        {"contains": "JUDGE echo: good", "reply": json.dumps({"score": 5, "reason": "matches the reference"})},
        {"contains": "JUDGE echo: fenced", "reply": "```json\n{\"score\": 2, \"reason\": \"half right\"}\n```"},
        {"contains": "JUDGE echo: chatty", "reply": "Sure! I'd give it a 4."},
        {"contains": "JUDGE echo: high", "reply": json.dumps({"score": 9, "reason": "off the scale"})},
        {"contains": "JUDGE echo: failing", "status": 500, "message": "judge exploded"},
    ])
    try:
        result = cli(base, "eval", "run", "--dataset", "judged-ds", "--prompt", "judged-qa", "--metric", "exact",
                     "--metric", "judge:grader@production", "--quiet", "--fail-under", "judge:grader@production=3")
    finally:
        set_mock_rules(mock_upstream, [])
    assert result.returncode == 0, result.stdout + result.stderr
    assert table_row(result.stdout, "judge:grader@production") == ["judge:grader@production", "3.5", "-", "2", "3"]
    assert table_row(result.stdout, "exact") == ["exact", "1", "-", "5", "0"]
    assert "judge:grader@production: 3 item(s) could not be scored, e.g." in result.stdout
    assert "#2: the judge's answer is not JSON" in result.stdout
    assert "#3: the judge's score 9 is outside the rubric's range [1, 5]" in result.stdout
    failed_line = next(line for line in result.stdout.splitlines() if line.strip().startswith("#4:"))
    assert failed_line.strip().startswith("#4: the judge call failed:") and "judge exploded" in failed_line, failed_line
    assert "ok   judge:grader@production 3.5 >= 3 (threshold)" in result.stdout

    run = run_id(result.stdout)
    stored = api(base, "GET", f"/api/experiments/{run}").json()
    assert stored["plan"]["settings"]["judges"] == {"judge:grader@production": 1}
    items = stored["items"]
    name = "judge:grader@production"
    assert [item["scores"].get(name) for item in items] == [5, 2, None, None, None]
    assert items[0]["score_reasons"][name] == "matches the reference"
    assert items[1]["score_reasons"][name] == "half right"
    assert "not JSON" in items[2]["score_errors"][name] and name not in items[2]["scores"]
    assert stored["summary"]["metrics"][name] == {"mean": 3.5, "corpus": None, "scored": 2, "errors": 3}
    judge_traces = api(base, "GET", "/api/traces?prompt=grader@1&limit=100").json()["data"]
    assert len(judge_traces) == 5
    assert judge_traces[0]["metadata"]["experiment_run"] == run and judge_traces[0]["metadata"]["experiment_role"] == "judge"

    strict = cli(base, "eval", "run", "--dataset", "judged-ds", "--prompt", "judged-qa", "--metric", "judge:grader",
                 "--fail-under", "judge:grader=4", "--quiet")
    assert strict.returncode == 1, strict.stdout + strict.stderr
    bad = cli(base, "eval", "run", "--dataset", "judged-ds", "--prompt", "judged-qa", "--metric", "judge:judged-qa")
    assert bad.returncode == 2 and "never shows the judge the output" in bad.stderr, bad.stderr
    missing = cli(base, "eval", "run", "--dataset", "judged-ds", "--prompt", "judged-qa", "--metric", "judge:nope@production")
    assert missing.returncode == 2 and "No prompt named 'nope' (field: metrics[0])" in missing.stderr, missing.stderr


def test_item_and_judge_calls_time_out_at_the_timeout(gateway, mock_upstream):
    base = gateway["base"]
    push(base, {"name": "slow-qa", "messages": [{"role": "user", "content": "{{question}}"}], "config": {"model": "mock-model"}})
    push(base, {"name": "slow-grader", "messages": [{"role": "user", "content": "GRADE {{output}}"}],
                "config": {"model": "mock-model"}})
    dataset(base, "slow-ds", [{"input": {"question": q}, "expected_output": f"echo: {q}"} for q in ["quick", "stall", "judged"]])
    set_mock_rules(mock_upstream, [
        {"contains": "stall", "reply": "late", "delay_ms": 4000},
        {"contains": "GRADE echo: judged", "reply": json.dumps({"score": 1, "reason": "late"}), "delay_ms": 4000},
        {"contains": "GRADE", "reply": json.dumps({"score": 1, "reason": "ok"})},
    ])
    started = time.time()
    try:
        result = cli(base, "eval", "run", "--dataset", "slow-ds", "--prompt", "slow-qa", "--metric", "exact",
                     "--metric", "judge:slow-grader", "--timeout", "1", "--quiet")
    finally:
        set_mock_rules(mock_upstream, [])
    assert time.time() - started < 3.5, "both slow calls were given up at the 1 s timeout"
    assert "items 3, failed 1" in result.stdout, result.stdout + result.stderr
    items = stored_items(base, run_id(result.stdout))
    assert "did not answer POST /v1/chat/completions within 1s (raise it with --timeout)" in items[1]["error"], items[1]
    assert items[0]["scores"]["judge:slow-grader"] == 1
    assert "within 1s" in items[2]["score_errors"]["judge:slow-grader"], items[2]
    bad = cli(base, "eval", "run", "--dataset", "slow-ds", "--prompt", "slow-qa", "--metric", "exact", "--timeout", "0")
    assert bad.returncode == 2 and "--timeout must be between 0.001 and 86400 seconds" in bad.stderr, bad.stderr


def test_external_command_scorer(gateway):
    base = gateway["base"]
    push(base, {"name": "ext-qa", "messages": [{"role": "user", "content": "{{question}}"}], "config": {"model": "mock-model"}})
    dataset(base, "ext-ds", [{"input": {"question": q}, "expected_output": e, "metadata": {"lang": "en"}} for q, e in [
        ("alpha beta", "alpha beta gamma"), ("crash now", "x"), ("sleep well", "x"), ("garbage out", "x"), ("delta", "delta")]])
    metric = f"external:cmd:{sys.executable} {SCORER}"
    started = time.time()
    result = cli(base, "eval", "run", "--dataset", "ext-ds", "--prompt", "ext-qa", "--metric", metric,
                 "--scorer-timeout", "5", "--quiet")
    assert result.returncode == 0, result.stdout + result.stderr
    assert time.time() - started < 25, "the sleeping scorer was killed at its timeout"
    items = stored_items(base, run_id(result.stdout))
    assert items[0]["scores"][metric] == 2 / 3 and items[0]["score_reasons"][metric] == "2 of 3 expected words; lang=en"
    assert items[4]["scores"][metric] == 1
    errors = [item.get("score_errors", {}).get(metric) for item in items]
    assert errors[1] == f"scorer {metric} failed: exited with status 3; stderr: cannot score this one"
    assert errors[2] == f"scorer {metric} failed: did not answer within 5s and was killed"
    assert errors[3].startswith(f"scorer {metric} answered with something that is not JSON"), errors[3]
    assert table_row(result.stdout, "external:cmd:" + sys.executable)[-2:] == ["2", "3"]

    resumed = cli(base, "eval", "run", "--resume", run_id(result.stdout))
    assert resumed.returncode == 2, resumed.stdout + resumed.stderr
    assert f"add --metric '{metric}' to the --resume command" in resumed.stderr
    allowed = cli(base, "eval", "run", "--resume", run_id(result.stdout), "--metric", metric, "--quiet")
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr

    missing = cli(base, "eval", "run", "--dataset", "ext-ds", "--prompt", "ext-qa", "--metric",
                  "external:cmd:/nonexistent/scorer", "--quiet")
    assert missing.returncode == 0, missing.stderr
    first = stored_items(base, run_id(missing.stdout))[0]
    assert "scorer external:cmd:/nonexistent/scorer failed: cannot start '/nonexistent/scorer'" in first["score_errors"][
        "external:cmd:/nonexistent/scorer"]


class _ScoringHandler(BaseHTTPRequestHandler):
    in_flight = 0
    peak = 0
    lock = threading.Lock()

    def do_POST(self):
        cls = type(self)
        with cls.lock:
            cls.in_flight += 1
            cls.peak = max(cls.peak, cls.in_flight)
        try:
            body = json.loads(self.rfile.read(int(self.headers["content-length"])))
            output = body["output"]
            time.sleep(0.1)
            if "crash" in output:
                self._answer(500, b"scorer broke")
            elif "sleep" in output:
                # Hang until the client gives up and closes the connection (its 1 s timeout), so
                # this call stops counting as in flight when the client stops waiting for it.
                select.select([self.connection], [], [], 3)
                self._answer(200, b'{"score": 1}')
            elif "garbage" in output:
                self._answer(200, b"<html>")
            else:
                self._answer(200, json.dumps({"score": len(output), "reason": body["input"]["question"]}).encode())
        finally:
            with cls.lock:
                cls.in_flight -= 1

    def _answer(self, status, body):
        try:
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


def test_external_http_scorer_with_bounded_concurrency(gateway):
    base = gateway["base"]
    server = ThreadingHTTPServer(("127.0.0.1", 0), _ScoringHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        push(base, {"name": "http-qa", "messages": [{"role": "user", "content": "{{question}}"}], "config": {"model": "mock-model"}})
        questions = [f"fine {i}" for i in range(12)] + ["crash", "sleep", "garbage"]
        dataset(base, "http-ds", [{"input": {"question": q}} for q in questions])
        url = f"http://127.0.0.1:{server.server_address[1]}/score"
        metric = f"external:http:{url}"
        result = cli(base, "eval", "run", "--dataset", "http-ds", "--prompt", "http-qa", "--metric", metric, "--concurrency", "8",
                     "--scorer-concurrency", "2", "--scorer-timeout", "1", "--quiet")
        assert result.returncode == 0, result.stdout + result.stderr
        assert _ScoringHandler.peak == 2, f"at most --scorer-concurrency calls at once, saw {_ScoringHandler.peak}"
        items = stored_items(base, run_id(result.stdout))
        assert items[0]["scores"][metric] == len("echo: fine 0") and items[0]["score_reasons"][metric] == "fine 0"
        errors = [item.get("score_errors", {}).get(metric) for item in items[12:]]
        assert errors[0] == f"scorer {metric} failed: answered HTTP 500: scorer broke"
        assert errors[1] == f"scorer {metric} failed: did not answer within 1s"
        assert errors[2].startswith(f"scorer {metric} answered with something that is not JSON")
        stored = api(base, "GET", f"/api/experiments/{run_id(result.stdout)}").json()
        assert stored["plan"]["settings"]["scorer_concurrency"] == 2 and stored["plan"]["settings"]["scorer_timeout"] == 1
    finally:
        server.shutdown()
        server.server_close()
    unreachable = cli(base, "eval", "run", "--dataset", "http-ds", "--prompt", "http-qa", "--metric", metric, "--quiet")
    first = stored_items(base, run_id(unreachable.stdout))[0]
    assert first["score_errors"][metric].startswith(f"scorer {metric} failed: cannot reach {url}"), first


def test_normalization_flags(gateway):
    base = gateway["base"]
    push(base, {"name": "norm-qa", "messages": [{"role": "user", "content": "{{question}}"}], "config": {"model": "mock-model"}})
    dataset(base, "norm-ds", [{"input": {"question": "Hello  World"}, "expected_output": "ECHO: hello world!"}])
    plain = cli(base, "eval", "run", "--dataset", "norm-ds", "--prompt", "norm-qa", "--metric", "exact", "--quiet")
    assert table_row(plain.stdout, "exact")[1] == "0", plain.stdout
    lenient = cli(base, "eval", "run", "--dataset", "norm-ds", "--prompt", "norm-qa", "--metric", "exact", "--metric", "contains",
                  "--ignore-case", "--ignore-punctuation", "--ignore-whitespace", "--quiet")
    assert table_row(lenient.stdout, "exact")[1] == "1" and table_row(lenient.stdout, "contains")[1] == "1", lenient.stdout
    settings = api(base, "GET", f"/api/experiments/{run_id(lenient.stdout)}").json()["plan"]["settings"]
    assert (settings["ignore_case"], settings["ignore_punctuation"], settings["ignore_whitespace"]) == (True, True, True)
    case_only = cli(base, "eval", "run", "--dataset", "norm-ds", "--prompt", "norm-qa", "--metric", "exact", "--ignore-case",
                    "--quiet")
    assert table_row(case_only.stdout, "exact")[1] == "0", "punctuation and the double space still differ"


def test_eval_compare_and_exit_codes(gateway):
    base = gateway["base"]
    push(base, {"name": "cmp-qa", "messages": [{"role": "user", "content": "{{question}}"}], "config": {"model": "mock-model"},
                "labels": ["production"]})
    push(base, {"name": "cmp-qa", "messages": [{"role": "user", "content": "Q: {{question}}"}], "config": {"model": "mock-model"}})
    dataset(base, "cmp-ds", [{"input": {"question": f"q{i}"}, "expected_output": f"echo: q{i}"} for i in range(10)])
    good = cli(base, "eval", "run", "--dataset", "cmp-ds", "--prompt", "cmp-qa@1", "--metric", "exact", "--metric", "chrf", "--quiet")
    worse = cli(base, "eval", "run", "--dataset", "cmp-ds", "--prompt", "cmp-qa@2", "--metric", "exact", "--quiet")
    a, b = run_id(good.stdout), run_id(worse.stdout)

    text = cli(base, "eval", "compare", a, b)
    assert text.returncode == 0, text.stdout + text.stderr
    assert f"A (baseline)  {a}" in text.stdout and f"B (candidate) {b}" in text.stdout
    row = table_row(text.stdout, "exact")
    assert row[:5] == ["exact", "10", "1", "0", "-1"] and row[-3:] == ["0/0/10", row[-2], "REGRESSED"], row
    assert float(row[-2]) < 0.01
    assert "exact worse items: #0 (1 -> 0), #1 (1 -> 0)" in text.stdout and "… 0 more" not in text.stdout
    assert f"not compared: chrf (only run {a} computes it)" in text.stdout
    assert "regression: at least one metric is significantly worse in B" in text.stdout

    as_json = cli(base, "eval", "compare", a, b, "--json")
    document = json.loads(as_json.stdout)
    assert document["regression"] is True and document["metrics"][0]["losses"] == 10
    assert document == api(base, "GET", f"/api/experiments/compare?a={a}&b={b}").json()

    gate = cli(base, "eval", "compare", a, b, "--fail-on-regression")
    assert gate.returncode == 1
    better = cli(base, "eval", "compare", b, a, "--fail-on-regression")
    assert better.returncode == 0 and "no significant regression" in better.stdout

    dataset(base, "cmp-other", [{"input": {"question": "x"}, "expected_output": "y"}])
    other = run_id(cli(base, "eval", "run", "--dataset", "cmp-other", "--prompt", "cmp-qa", "--metric", "exact", "--quiet").stdout)
    mismatch = cli(base, "eval", "compare", a, other)
    assert mismatch.returncode == 2 and "compare runs of the same dataset version" in mismatch.stderr
    assert cli(base, "eval", "compare", a, "run_nope").returncode == 2
    assert cli(base, "eval", "compare", a).returncode == 2, "a missing argument is a usage error: 2"
    assert cli(base, "eval", "run", "--dataset", "cmp-ds", "--prompt", "cmp-qa", "--metric", "exact", "--concurrency",
               "0").returncode == 2
    assert cli(base, "eval", "run", "--dataset", "cmp-ds", "--prompt", "cmp-qa", "--metric", "exact",
               "--url", "http://127.0.0.1:1").returncode == 2, "an unreachable server is an operational error"
    help_text = cli(base, "eval", "run", "--help").stdout
    assert "130 interrupted" in help_text and "2 usage or operational error" in help_text
