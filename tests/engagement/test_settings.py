"""Production settings fail safe; dev and test need no environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "a" * 20 + "-production-secret-for-the-check-9f8e7d6c5b4a",
    "ALLOWED_HOSTS": "send.example.gov.uk",
    "DATABASE_URL": "postgres://send:send@127.0.0.1:5432/send",
    "EMAIL_HOST": "smtp.example.gov.uk",
}


def manage(*args: str, settings: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION_ENV and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    clean["DJANGO_SETTINGS_MODULE"] = settings
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", sorted(PRODUCTION_ENV))
def test_production_refuses_to_start_without_each_required_variable(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = manage("check", settings="engagement.settings.production", env=env)
    assert result.returncode != 0
    assert f"{missing} must be set in the environment" in result.stderr


def test_production_passes_the_deployment_checklist_without_a_warning():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        settings="engagement.settings.production",
        env=PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_dev_settings_need_no_environment():
    result = manage("check", settings="engagement.settings.dev", env={})
    assert result.returncode == 0, result.stderr
