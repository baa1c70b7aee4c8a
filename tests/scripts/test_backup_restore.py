"""The README's backup and restore (pg_dump, pg_restore) bring back every row: PostgreSQL only.

`make test` runs the suite a second time on a throwaway PostgreSQL cluster; this test runs there.
`make test` also runs scripts/backup_restore.py on the demo content.
"""

import secrets

import psycopg
import pytest
from django.db import connection
from psycopg import sql

from scripts.backup_restore import backup, differences, fingerprint, restore
from scripts.throwaway_postgres import server_tool
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump needs PostgreSQL"),
    pytest.mark.django_db(transaction=True),  # pg_dump sees only committed rows
]


def url_of(database: str) -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{database}"


@pytest.fixture
def empty_database():
    name = f"restored_{secrets.token_hex(4)}"
    admin_url = url_of("postgres")
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield url_of(name)
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


def test_a_restored_backup_has_every_row_and_a_lost_row_is_noticed(tmp_path, empty_database):
    UserFactory(email="restore-me@example.org", authenticator=True)
    source = url_of(connection.settings_dict["NAME"])
    dump_file = tmp_path / "send.dump"

    backup(server_tool("pg_dump"), source, dump_file)
    restore(server_tool("pg_restore"), dump_file, empty_database)

    before, after = fingerprint(source), fingerprint(empty_database)
    assert before["mfa_authenticator"][0] >= 1  # the new user's authenticator app
    assert differences(before, after) == []

    with psycopg.connect(empty_database, autocommit=True) as conn:
        conn.execute("DELETE FROM mfa_authenticator")
    lost = differences(before, fingerprint(empty_database))
    assert lost == [f"mfa_authenticator: {before['mfa_authenticator'][0]} rows before, 0 after"]
