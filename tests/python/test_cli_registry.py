"""`llmops prompt` and `llmops dataset` as a user runs them, against a real `llmops serve`."""
import json
import os
import subprocess
import tempfile

import requests

from conftest import BIN_DIR

LLMOPS = os.path.join(BIN_DIR, "llmops")


def cli(gateway, *args, key=None):
    env = dict(os.environ, LLMOPS_URL=gateway["base"], LLMOPS_API_KEY=key or gateway["admin_key"])
    return subprocess.run([LLMOPS, *args], capture_output=True, text=True, timeout=60, env=env)


def write(text, suffix):
    handle, path = tempfile.mkstemp(suffix=suffix)
    with os.fdopen(handle, "w") as f:
        f.write(text)
    return path


PROMPT_V1 = """
name: cli-support
type: chat
messages:
  - role: system
    content: "You answer for {{company}}."
  - {role: user, content: "{{question}}"}
config:
  model: mock-model
  temperature: 0.2
labels: [production]
commit_message: first
"""

PROMPT_V2 = """
name: cli-support
type: text
text: "Answer briefly: {{question}}"
config: {model: mock-model, temperature: 0.7}
"""


def test_every_registry_command_has_help():
    for command in [["prompt"], ["prompt", "push"], ["prompt", "get"], ["prompt", "label"], ["prompt", "diff"],
                    ["prompt", "list"], ["dataset"], ["dataset", "import"], ["dataset", "export"],
                    ["dataset", "list"], ["dataset", "show"], ["eval"], ["eval", "run"]]:
        result = subprocess.run([LLMOPS, *command, "--help"], capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, (command, result.stderr)
        assert "USAGE:" in result.stdout, command


def test_prompt_push_get_label_diff_list(gateway):
    pushed = cli(gateway, "prompt", "push", write(PROMPT_V1, ".yaml"))
    assert pushed.returncode == 0, pushed.stderr
    assert pushed.stdout.strip() == "Pushed cli-support version 1 (labels: production)"
    second = cli(gateway, "prompt", "push", write(PROMPT_V2, ".yaml"), "--label", "staging")
    assert second.stdout.strip() == "Pushed cli-support version 2 (labels: staging)", second.stderr

    shown = cli(gateway, "prompt", "get", "cli-support@production")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines()[0] == "cli-support@1 (chat)  labels: production"
    assert "[system]\nYou answer for {{company}}." in shown.stdout
    assert '"temperature":0.2' in shown.stdout
    as_json = json.loads(cli(gateway, "prompt", "get", "cli-support@2", "--json").stdout)
    assert as_json["text"] == "Answer briefly: {{question}}" and as_json["version"] == 2

    released = cli(gateway, "prompt", "label", "cli-support", "2", "production")
    assert released.stdout.strip() == "cli-support@production: 1 -> 2", released.stderr
    rolled_back = cli(gateway, "prompt", "label", "cli-support", "1", "production")
    assert rolled_back.stdout.strip() == "cli-support@production: 2 -> 1 (rollback)"

    diff = cli(gateway, "prompt", "diff", "cli-support", "1", "2")
    assert diff.returncode == 0, diff.stderr
    assert diff.stdout.startswith("--- cli-support@1\n+++ cli-support@2\n")
    assert "+Answer briefly: {{question}}" in diff.stdout
    assert "  temperature: 0.2 -> 0.7" in diff.stdout
    assert "identical" in cli(gateway, "prompt", "diff", "cli-support", "2", "2").stdout

    listed = cli(gateway, "prompt", "list")
    row = next(line for line in listed.stdout.splitlines() if line.startswith("cli-support"))
    assert row.split() == ["cli-support", "2", "production=1", "staging=2"]

    # The application side: fetch by label with an ETag, revalidate with If-None-Match.
    headers = {"Authorization": f"Bearer {gateway['admin_key']}"}
    fetched = requests.get(gateway["base"] + "/api/prompts/cli-support?label=production", headers=headers, timeout=10)
    again = requests.get(gateway["base"] + "/api/prompts/cli-support?label=production",
                         headers={**headers, "If-None-Match": fetched.headers["ETag"]}, timeout=10)
    assert again.status_code == 304


def test_prompt_errors_are_readable(gateway):
    missing = cli(gateway, "prompt", "get", "no-such-prompt")
    assert missing.returncode == 1
    assert "No prompt named 'no-such-prompt' (field: prompt)" in missing.stderr
    bad_reference = cli(gateway, "prompt", "get", "a@b@c")
    assert bad_reference.returncode != 0 and "more than one '@'" in bad_reference.stderr
    bad_file = cli(gateway, "prompt", "push", write("name: x\ntype: chat\n", ".yaml"))
    assert bad_file.returncode == 1 and "messages is required for a chat prompt (field: messages)" in bad_file.stderr
    bad_yaml = cli(gateway, "prompt", "push", write("name: [unclosed\n", ".yaml"))
    assert bad_yaml.returncode == 1 and "is not valid YAML" in bad_yaml.stderr
    no_file = cli(gateway, "prompt", "push", "/nonexistent/prompt.yaml")
    assert no_file.returncode == 1 and "cannot read /nonexistent/prompt.yaml" in no_file.stderr
    bad_label = cli(gateway, "prompt", "label", "cli-missing", "1", "production")
    assert bad_label.returncode == 1 and "No prompt named 'cli-missing'" in bad_label.stderr
    not_a_number = cli(gateway, "prompt", "label", "x", "one", "production")
    assert not_a_number.returncode != 0 and "one" in not_a_number.stderr
    wrong_key = cli(gateway, "prompt", "list", key="llmops-wrong")
    assert wrong_key.returncode == 1 and "Incorrect API key" in wrong_key.stderr
    unreachable = subprocess.run([LLMOPS, "prompt", "list", "--url", "http://127.0.0.1:9", "--api-key", "k"],
                                 capture_output=True, text=True, timeout=60)
    assert unreachable.returncode == 1 and "cannot reach the llmops server at http://127.0.0.1:9" in unreachable.stderr
    no_key = subprocess.run([LLMOPS, "prompt", "list"], capture_output=True, text=True, timeout=60,
                            env={k: v for k, v in os.environ.items() if k != "LLMOPS_API_KEY"})
    assert no_key.returncode != 0 and "pass --api-key or set LLMOPS_API_KEY" in no_key.stderr


def test_dataset_import_export_list_show(gateway):
    jsonl = write('{"input": {"q": "2+2?"}, "expected_output": "4"}\n{"input": {"q": "3+3?"}, "expected_output": "6"}\n',
                  ".jsonl")
    imported = cli(gateway, "dataset", "import", "cli-qa", jsonl)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.startswith("Imported 2 items into cli-qa@") and "(new version)" in imported.stdout
    first_hash = imported.stdout.split("@")[1].split()[0]
    again = cli(gateway, "dataset", "import", "cli-qa", jsonl, "--message", "again")
    assert "unchanged: same content as before" in again.stdout

    csv = write('var.q,expected_output\n"1, 2, 3?",4\n', ".csv")
    second = cli(gateway, "dataset", "import", "cli-qa", csv)
    assert second.returncode == 0, second.stderr

    exported = cli(gateway, "dataset", "export", f"cli-qa@{first_hash}")
    assert exported.returncode == 0, exported.stderr
    assert [json.loads(line)["expected_output"] for line in exported.stdout.splitlines()] == ["4", "6"]
    as_csv = cli(gateway, "dataset", "export", "cli-qa", "--format", "csv")
    # Text mode reads the CSV's CRLF line ends as \n.
    assert as_csv.stdout == 'var.q,expected_output\n"1, 2, 3?",4\n'
    out_file = os.path.join(tempfile.mkdtemp(), "copy.jsonl")
    assert cli(gateway, "dataset", "export", "cli-qa", "-o", out_file).returncode == 0
    copied = cli(gateway, "dataset", "import", "cli-qa-copy", out_file)
    latest_hash = second.stdout.split("@")[1].split()[0]
    assert f"cli-qa-copy@{latest_hash}" in copied.stdout, "an export imports back to the same version"

    listed = cli(gateway, "dataset", "list")
    row = next(line for line in listed.stdout.splitlines() if line.startswith("cli-qa "))
    assert row.split()[1:3] == [latest_hash, "1"]
    shown = cli(gateway, "dataset", "show", "cli-qa")
    assert shown.returncode == 0, shown.stderr
    assert f"cli-qa@{latest_hash}: 1 items" in shown.stdout
    assert shown.stdout.count(first_hash) == 1 and "* " in shown.stdout


def test_dataset_errors_are_readable(gateway):
    bad = write('{"input": "ok"}\n{"input": "x", "expected": "y"}\n', ".jsonl")
    failed = cli(gateway, "dataset", "import", "cli-bad", bad)
    assert failed.returncode == 1
    assert "line 2, field expected: expected is not a dataset field" in failed.stderr
    assert "(field: expected)" in failed.stderr
    assert "cli-bad" not in cli(gateway, "dataset", "list").stdout, "nothing was half-imported"
    unknown_format = cli(gateway, "dataset", "import", "cli-bad", write("x", ".txt"))
    assert unknown_format.returncode != 0 and "pass --format jsonl or --format csv" in unknown_format.stderr
    bad_format = cli(gateway, "dataset", "import", "cli-bad", bad, "--format", "xml")
    assert bad_format.returncode != 0 and "xml" in bad_format.stderr
    missing = cli(gateway, "dataset", "export", "cli-nope")
    assert missing.returncode == 1 and "No dataset version 'cli-nope' (field: dataset)" in missing.stderr
    short = cli(gateway, "dataset", "show", "cli-nope@abc")
    assert short.returncode == 1 and "6 to 64 hex digits" in short.stderr
