"""Back up and restore the PostgreSQL database the way the README tells a council to, and prove it.

    python scripts/backup_restore.py

starts a throwaway cluster, migrates it and loads the demo content (seed_demo), takes a backup
with `pg_dump --format=custom`, restores it with `pg_restore` into a new, empty database and
compares every table, row for row (a count and a checksum of the rows' text per table). It then
serves the home page and an outcome page from the restored database. Exit 0 only if all match.
`make test` runs it; tests/scripts/test_backup_restore.py uses the same functions.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from scripts.throwaway_postgres import running_postgres, server_tool  # noqa: E402

Fingerprint = dict[str, tuple[int, str]]


# The cache table's rows (sign-in rate limits, the survey throttle's hashed addresses) are
# short-lived and not worth keeping: the backup leaves them out, and the comparison skips them.
NOT_BACKED_UP = "django_cache"


def backup(pg_dump: str, database_url: str, dump_file: Path) -> None:
    """The README's backup: one custom-format file, restorable table by table."""
    subprocess.run(
        [pg_dump, "--format=custom", f"--exclude-table-data={NOT_BACKED_UP}",
         f"--file={dump_file}", database_url],
        check=True,
    )  # fmt: skip


def restore(pg_restore: str, dump_file: Path, database_url: str) -> None:
    """The README's restore into an empty database; any error stops it."""
    subprocess.run(
        [pg_restore, "--no-owner", "--exit-on-error", f"--dbname={database_url}", str(dump_file)],
        check=True,
    )


def fingerprint(database_url: str) -> Fingerprint:
    """Every table in the public schema: its row count and an md5 of its rows, sorted."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(database_url) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        result = {}
        for table in tables:
            if table == NOT_BACKED_UP:
                continue
            query = sql.SQL(
                "SELECT count(*), coalesce(md5(string_agg(t::text, chr(10) ORDER BY t::text)), '')"
                " FROM {} AS t"
            ).format(sql.Identifier(table))
            count, digest = conn.execute(query).fetchone()
            result[table] = (count, digest)
        return result


def differences(before: Fingerprint, after: Fingerprint) -> list[str]:
    """What the restore did not bring back, one line per table; empty when it is exact."""
    lines = []
    for table in sorted(before.keys() | after.keys()):
        if table not in after:
            lines.append(f"{table}: missing after the restore")
        elif table not in before:
            lines.append(f"{table}: only after the restore")
        elif before[table] != after[table]:
            lines.append(f"{table}: {before[table][0]} rows before, {after[table][0]} after")
    return lines


def manage(env: dict, *args: str) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


SERVE_CHECK = """
from django.test import Client
from outcomes_cms.models import OutcomePage
outcome = OutcomePage.objects.live().first()
for url in ("/", outcome.url):
    response = Client().get(url)
    assert response.status_code == 200, (url, response.status_code)
print(outcome.title)
"""


def main() -> int:
    with running_postgres("send") as (cluster, url), tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "TEST_DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "engagement.settings.test",
        }
        print("[backup] migrating and loading the demo content", flush=True)
        manage(env, "migrate", "--no-input")
        manage(env, "createcachetable")
        manage(env, "seed_demo")
        before = fingerprint(url)
        dump_file = Path(tmp) / "send.dump"
        backup(server_tool("pg_dump"), url, dump_file)
        print(f"[backup] pg_dump wrote {dump_file.stat().st_size:,} bytes", flush=True)
        cluster.create_database("send_restored")
        restored_url = cluster.url("send_restored")
        restore(server_tool("pg_restore"), dump_file, restored_url)
        after = fingerprint(restored_url)
        problems = differences(before, after)
        rows = sum(count for count, _ in before.values())
        if problems:
            print("[backup] the restore differs:\n  " + "\n  ".join(problems))
            return 1
        print(f"[backup] restored {len(after)} tables, {rows:,} rows, every row identical")
        served = manage(
            {**env, "TEST_DATABASE_URL": restored_url}, "shell", "--no-imports", "-c", SERVE_CHECK
        )
        print(f"[backup] the restored site serves / and the outcome page '{served.strip()}'")
        return 0


if __name__ == "__main__":
    sys.exit(main())
