"""`llmops secrets` on the real binary: values from stdin or the environment, sealed at rest under a
0600 master key file, listed without values, rotated, deleted, audited."""
import base64
import os
import sqlite3
import stat
import subprocess
import tempfile

from conftest import BIN_DIR

LLMOPS = os.path.join(BIN_DIR, "llmops")


def run(*args, data_dir, stdin=None, env=None):
    return subprocess.run([LLMOPS, *args, "--data-dir", data_dir], capture_output=True, text=True, timeout=60,
                          input=stdin, env={**os.environ, **(env or {})})


def everything_on_disk(data_dir):
    blob = b""
    for name in os.listdir(data_dir):
        with open(os.path.join(data_dir, name), "rb") as f:
            blob += f.read()
    return blob


def test_secrets_lifecycle_with_a_key_file():
    data_dir = tempfile.mkdtemp(prefix="llmops-secrets-")
    value = "sk-cli-planted-" + os.urandom(8).hex()
    stored = run("secrets", "set", "OPENAI_KEY", data_dir=data_dir, stdin=value + "\n")
    assert stored.returncode == 0, stored.stderr
    assert stored.stdout.startswith("Stored secret OPENAI_KEY") and value not in stored.stdout + stored.stderr
    key_file = os.path.join(data_dir, "master.key")
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    other = "sk-env-planted-" + os.urandom(8).hex()
    from_env = run("secrets", "set", "ANTHROPIC_KEY", "--from-env", "MY_VAR", data_dir=data_dir, env={"MY_VAR": other})
    assert from_env.returncode == 0, from_env.stderr

    listed = run("secrets", "list", data_dir=data_dir)
    assert listed.returncode == 0 and "OPENAI_KEY" in listed.stdout and "ANTHROPIC_KEY" in listed.stdout
    assert value not in listed.stdout and other not in listed.stdout
    db = sqlite3.connect(os.path.join(data_dir, "llmops.sqlite"))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    disk = everything_on_disk(data_dir)
    assert value.encode() not in disk and other.encode() not in disk, "values are encrypted at rest"
    old_key_id = db.execute("SELECT DISTINCT key_id FROM secrets").fetchall()
    assert len(old_key_id) == 1

    os.chmod(key_file, 0o644)
    refused = run("secrets", "set", "X", data_dir=data_dir, stdin="v")
    assert refused.returncode != 0 and "chmod 600" in refused.stderr, refused.stderr
    os.chmod(key_file, 0o600)

    with open(key_file) as f:
        old_key = f.read()
    rotated = run("secrets", "rotate-master", data_dir=data_dir)
    assert rotated.returncode == 0, rotated.stderr
    assert rotated.stdout.startswith("Resealed 2 secrets under master key"), rotated.stdout
    with open(key_file) as f:
        assert f.read() != old_key
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600 and not os.path.exists(key_file + ".new")
    new_key_id = db.execute("SELECT DISTINCT key_id FROM secrets").fetchall()
    assert len(new_key_id) == 1 and new_key_id != old_key_id

    assert run("secrets", "delete", "ANTHROPIC_KEY", data_dir=data_dir).returncode == 0
    missing = run("secrets", "delete", "ANTHROPIC_KEY", data_dir=data_dir)
    assert missing.returncode != 0 and "no secret named 'ANTHROPIC_KEY'" in missing.stderr
    bad = run("secrets", "set", "bad name", data_dir=data_dir, stdin="v")
    assert bad.returncode != 0 and "secret name" in bad.stderr

    actions = [row[0] for row in db.execute("SELECT action FROM audit_log ORDER BY sequence")]
    assert actions == ["secret.set", "secret.set", "secret.rotate_master", "secret.delete"], actions
    details = " ".join(row[0] for row in db.execute("SELECT detail FROM audit_log"))
    assert value not in details and other not in details
    db.close()
    verified = run("audit", "verify", data_dir=data_dir)
    assert verified.returncode == 0 and verified.stdout.strip() == "4 entries, chain intact", verified


def test_master_key_from_the_environment():
    data_dir = tempfile.mkdtemp(prefix="llmops-secrets-")
    key = base64.b64encode(os.urandom(32)).decode()
    env = {"LLMOPS_MASTER_KEY": key}
    assert run("secrets", "set", "K", data_dir=data_dir, stdin="value-1", env=env).returncode == 0
    assert not os.path.exists(os.path.join(data_dir, "master.key")), "no key file when the environment holds the key"
    refused = run("secrets", "rotate-master", data_dir=data_dir, env=env)
    assert refused.returncode != 0 and "--new-key-from-env" in refused.stderr
    new_key = base64.b64encode(os.urandom(32)).decode()
    rotated = run("secrets", "rotate-master", "--new-key-from-env", "NEW_KEY", data_dir=data_dir, env={**env, "NEW_KEY": new_key})
    assert rotated.returncode == 0 and "Resealed 1 secret under" in rotated.stdout, rotated
    again = run("secrets", "set", "K2", data_dir=data_dir, stdin="value-2", env={"LLMOPS_MASTER_KEY": new_key})
    assert again.returncode == 0, again.stderr
    short = run("secrets", "set", "K3", data_dir=data_dir, stdin="v", env={"LLMOPS_MASTER_KEY": base64.b64encode(b"short").decode()})
    assert short.returncode != 0 and "32 bytes" in short.stderr
