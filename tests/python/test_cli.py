"""The `llmops` command line as a user runs it: help everywhere, keys, migrate, readable errors."""
import os
import subprocess
import tempfile
import time

import requests

from conftest import BIN_DIR

LLMOPS = os.path.join(BIN_DIR, "llmops")


def run(*args, data_dir=None):
    argv = [LLMOPS, *args] + (["--data-dir", data_dir] if data_dir else [])
    return subprocess.run(argv, capture_output=True, text=True, timeout=60)


def test_every_command_has_help():
    commands = [[], ["serve"], ["migrate"], ["keys"], ["keys", "create"], ["keys", "list"], ["keys", "revoke"], ["keys", "rotate"],
                ["routes"], ["routes", "apply"], ["routes", "list"], ["routes", "history"], ["routes", "rollback"], ["score"]]
    for command in commands:
        result = run(*command, "--help")
        assert result.returncode == 0, (command, result.stderr)
        assert "USAGE:" in result.stdout, command


def test_keys_lifecycle_and_migrate():
    data_dir = tempfile.mkdtemp(prefix="llmops-cli-")
    migrated = run("migrate", data_dir=data_dir)
    assert migrated.returncode == 0, migrated.stderr
    assert "Applied migrations" in migrated.stdout
    assert "up to date" in run("migrate", data_dir=data_dir).stdout

    created = run("keys", "create", "--project", "cli-project", "--role", "viewer", "--name", "ci", data_dir=data_dir)
    assert created.returncode == 0, created.stderr
    secret = created.stdout.strip()
    assert secret.startswith("llmops-") and len(secret) == 47, "stdout carries only the key"
    listed = run("keys", "list", "--project", "cli-project", data_dir=data_dir)
    assert "cli-project" in listed.stdout and "viewer" in listed.stdout and secret not in listed.stdout
    key_id = listed.stdout.splitlines()[1].split()[0]
    assert run("keys", "revoke", key_id, data_dir=data_dir).returncode == 0
    assert "revoked" in run("keys", "list", data_dir=data_dir).stdout


def test_bad_arguments_are_explained():
    bad_role = run("keys", "create", "--project", "p", "--role", "owner", data_dir=tempfile.mkdtemp())
    assert bad_role.returncode != 0
    assert "--role must be admin, developer or viewer" in bad_role.stderr
    missing = run("keys", "revoke", "key_nope", data_dir=tempfile.mkdtemp())
    assert missing.returncode != 0 and "no key with id 'key_nope'" in missing.stderr
    bad_config = subprocess.run([LLMOPS, "migrate", "--config", "/nonexistent.yaml"], capture_output=True, text=True, timeout=60)
    assert bad_config.returncode != 0 and "cannot read /nonexistent.yaml" in bad_config.stderr


def test_keys_with_limits_and_rotation():
    data_dir = tempfile.mkdtemp(prefix="llmops-cli-")
    created = run("keys", "create", "--project", "p", "--role", "developer", "--rpm", "60", "--tpm", "100000",
                  "--budget-usd-day", "5", "--routes", "chat,embed", "--expires", "30d", data_dir=data_dir)
    assert created.returncode == 0, created.stderr
    listed = run("keys", "list", data_dir=data_dir).stdout
    assert '"rpm":60' in listed and '"routes":["chat","embed"]' in listed and "expires" in listed, listed
    key_id = listed.splitlines()[1].split()[0]
    rotated = run("keys", "rotate", key_id, "--grace", "1h", data_dir=data_dir)
    assert rotated.returncode == 0, rotated.stderr
    assert rotated.stdout.strip().startswith("llmops-") and "replacing " + key_id in rotated.stderr
    rows = run("keys", "list", data_dir=data_dir).stdout.splitlines()[1:]
    assert len(rows) == 2 and all('"rpm":60' in row for row in rows), "the new key keeps the limits"
    bad = run("keys", "create", "--project", "p", "--expires", "soon", data_dir=data_dir)
    assert bad.returncode != 0 and "--expires must look like" in bad.stderr
    negative = run("keys", "create", "--project", "p", "--rpm=-5", data_dir=data_dir)
    assert negative.returncode != 0 and "--rpm must not be negative" in negative.stderr


def test_routes_apply_reaches_the_running_server_without_restart(gateway):
    config = os.path.join(gateway["data_dir"], "llmops.yaml")
    headers = {"Authorization": "Bearer " + gateway["admin_key"]}
    chat = {"model": "chat", "messages": [{"role": "user", "content": "hi"}]}
    before = requests.post(gateway["base"] + "/v1/chat/completions", json=chat, headers=headers, timeout=10)
    assert before.status_code == 404
    routes = os.path.join(gateway["data_dir"], "routes.yaml")
    with open(routes, "w") as f:
        f.write("routes:\n  - name: chat\n    deployments: [{ model: mock-model, weight: 100 }]\n    retries: { attempts: 1 }\n")
    applied = subprocess.run([LLMOPS, "routes", "apply", routes, "--config", config, "--actor", "ci"],
                             capture_output=True, text=True, timeout=60)
    assert applied.returncode == 0, applied.stderr
    assert "Applied routes version 1" in applied.stdout
    deadline = time.time() + 10
    status = None
    while time.time() < deadline:
        reply = requests.post(gateway["base"] + "/v1/chat/completions", json=chat, headers=headers, timeout=10)
        status = reply.status_code
        if status == 200:
            assert reply.headers["x-llmops-deployment"] == "mock-model"
            break
        time.sleep(0.2)
    assert status == 200, "the server switched to the applied routes"
    history = subprocess.run([LLMOPS, "routes", "history", "--config", config], capture_output=True, text=True, timeout=60)
    assert "cli:ci" in history.stdout and "chat" in history.stdout
    rolled = subprocess.run([LLMOPS, "routes", "rollback", "0", "--config", config], capture_output=True, text=True, timeout=60)
    assert rolled.returncode == 0 and "as version 2" in rolled.stdout, rolled.stderr

    with open(routes, "w") as f:
        f.write("routes:\n  - name: chat\n    deployments: [{ model: ghost }]\n")
    unknown = subprocess.run([LLMOPS, "routes", "apply", routes, "--config", config], capture_output=True, text=True, timeout=60)
    assert unknown.returncode != 0 and "'ghost'" in unknown.stderr
    with open(routes, "w") as f:
        f.write("routes:\n  - name: chat\n    deployments: [{ model: mock-model, weight: heavy }]\n")
    bad = subprocess.run([LLMOPS, "routes", "apply", routes, "--config", config], capture_output=True, text=True, timeout=60)
    assert bad.returncode != 0 and "routes[0].deployments[0].weight" in bad.stderr
