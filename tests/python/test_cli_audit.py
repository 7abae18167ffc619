"""`llmops audit verify` on the real binary: an intact chain, then rows edited and deleted with plain SQL."""
import os
import sqlite3
import subprocess
import tempfile

from conftest import BIN_DIR

LLMOPS = os.path.join(BIN_DIR, "llmops")


def run(*args, data_dir):
    return subprocess.run([LLMOPS, *args, "--data-dir", data_dir], capture_output=True, text=True, timeout=60)


def test_audit_verify_finds_edited_and_deleted_entries():
    data_dir = tempfile.mkdtemp(prefix="llmops-audit-")
    empty = run("audit", "verify", data_dir=data_dir)
    assert empty.returncode == 0 and empty.stdout.strip() == "0 entries, chain intact", empty

    secret = run("keys", "create", "--project", "p", "--role", "admin", data_dir=data_dir).stdout.strip()
    key_id = run("keys", "list", data_dir=data_dir).stdout.splitlines()[1].split()[0]
    assert run("keys", "rotate", key_id, "--grace", "1h", data_dir=data_dir).returncode == 0
    assert run("keys", "revoke", key_id, data_dir=data_dir).returncode == 0
    intact = run("audit", "verify", data_dir=data_dir)
    assert intact.returncode == 0 and intact.stdout.strip() == "3 entries, chain intact", intact

    db = sqlite3.connect(os.path.join(data_dir, "llmops.sqlite"))
    rows = db.execute("SELECT sequence, actor, project, action, target, detail FROM audit_log ORDER BY sequence").fetchall()
    assert [(r[1], r[2], r[3], r[4]) for r in rows] == [("cli", "p", "key.create", rows[0][4]), ("cli", "p", "key.rotate", key_id),
                                                      ("cli", "p", "key.revoke", key_id)]
    assert all(secret not in r[5] for r in rows), "no key secret in an audit detail"

    with db:
        db.execute("UPDATE audit_log SET actor = 'someone-else' WHERE sequence = 2")
    edited = run("audit", "verify", data_dir=data_dir)
    assert edited.returncode == 1, edited
    assert edited.stdout.startswith("audit chain broken at entry 2:") and "edited" in edited.stdout, edited.stdout

    with db:
        db.execute("UPDATE audit_log SET actor = 'cli' WHERE sequence = 2")
        db.execute("DELETE FROM audit_log WHERE sequence = 3")
    truncated = run("audit", "verify", data_dir=data_dir)
    assert truncated.returncode == 1 and "entry 3:" in truncated.stdout and "missing" in truncated.stdout, truncated.stdout

    with db:
        db.execute("DELETE FROM audit_log WHERE sequence = 1")
    gap = run("audit", "verify", data_dir=data_dir)
    assert gap.returncode == 1 and "entry 1:" in gap.stdout and "missing" in gap.stdout, gap.stdout
    db.close()
