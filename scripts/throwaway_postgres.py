"""A throwaway PostgreSQL cluster for tests and benchmarks, and a way to run a command against it.

    python scripts/throwaway_postgres.py -- python -m pytest

starts a cluster in a temporary directory (TCP on 127.0.0.1 only, trust auth, a free port),
runs the command with TEST_DATABASE_URL (read by the test settings) pointing at an empty
database in it, stops the cluster,
removes the directory and exits with the command's status. `make test` uses it to run the
whole suite on PostgreSQL as production does; the load benchmark imports `Postgres`.
It needs the server binaries (`apt-get install postgresql`); the Makefile installs them.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_bin() -> Path:
    """The newest installed PostgreSQL's program directory (Debian keeps one per version)."""
    found = glob.glob("/usr/lib/postgresql/*/bin/initdb")
    if not found:
        sys.exit("PostgreSQL's server is not installed: apt-get install postgresql")
    return Path(max(found, key=lambda p: int(re.findall(r"\d+", p)[0]))).parent


def server_tool(name: str) -> str:
    """The path of a program of that version: pg_dump, pg_restore, psql."""
    return str(server_bin() / name)


class Postgres:
    """initdb in `root`, started on 127.0.0.1 with trust auth; stop() shuts it down."""

    def __init__(self, root: Path, max_connections: int = 200):
        self.bin = server_bin()
        self.data = root / "pgdata"
        self.port = free_port()
        self.max_connections = max_connections
        self.as_postgres = os.geteuid() == 0  # initdb and postgres refuse to run as root
        self.started = False

    def _run(self, *args: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_postgres else []
        subprocess.run([*prefix, *args], check=True, stdout=subprocess.DEVNULL, cwd="/")

    def start(self, database: str = "send") -> str:
        """Start the cluster; return the DATABASE_URL of an empty database in it."""
        self.data.mkdir()
        if self.as_postgres:
            self.data.parent.chmod(0o755)  # the postgres user must reach its data directory
            shutil.chown(self.data, "postgres", "postgres")
        self._run(
            str(self.bin / "initdb"), "-D", str(self.data), "-U", "send", "--auth=trust",
            "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        # fsync off: a throwaway cluster need not survive a power cut, and tests run faster.
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories='' "
            f"-c max_connections={self.max_connections} -c shared_buffers=256MB -c fsync=off"
        )
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options,
            "-l", str(self.data / "server.log"), "-w", "-t", "60", "start",
        )  # fmt: skip
        self.started = True
        self.create_database(database)
        return self.url(database)

    def url(self, database: str) -> str:
        return f"postgres://send@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> None:
        import psycopg
        from psycopg import sql

        dsn = f"host=127.0.0.1 port={self.port} user=send dbname=postgres"
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

    def stop(self) -> None:
        if self.started:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")
            self.started = False


@contextlib.contextmanager
def running_postgres(database: str = "send"):
    """Yield (cluster, DATABASE_URL); the cluster and its directory are gone afterwards."""
    root = Path(tempfile.mkdtemp(prefix="send-pg-"))
    cluster = Postgres(root)
    try:
        yield cluster, cluster.start(database)
    finally:
        cluster.stop()
        shutil.rmtree(root, ignore_errors=True)


def main(argv: list[str]) -> int:
    if "--" not in argv or argv.index("--") == len(argv) - 1:
        sys.exit("usage: throwaway_postgres.py -- COMMAND [ARG ...]")
    command = argv[argv.index("--") + 1 :]
    with running_postgres() as (_cluster, url):
        print(f"[postgres] running on a throwaway cluster: {' '.join(command)}", flush=True)
        return subprocess.run(command, env={**os.environ, "TEST_DATABASE_URL": url}).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
