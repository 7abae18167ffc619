"""The `llmops` command line as a user runs it: help everywhere, keys, migrate, readable errors."""
import os
import subprocess
import tempfile

from conftest import BIN_DIR

LLMOPS = os.path.join(BIN_DIR, "llmops")


def run(*args, data_dir=None):
    argv = [LLMOPS, *args] + (["--data-dir", data_dir] if data_dir else [])
    return subprocess.run(argv, capture_output=True, text=True, timeout=60)


def test_every_command_has_help():
    for command in [[], ["serve"], ["migrate"], ["keys"], ["keys", "create"], ["keys", "list"], ["keys", "revoke"], ["score"]]:
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
