"""Settings: production passes check --deploy, needs its secrets, and migrations are complete."""

import subprocess
import sys

import pytest
from django.core.management import call_command

from tests.support.servers import subprocess_environment

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "lkp.settings.production",
    "SECRET_KEY": "x" * 20 + "ProductionOnlyKey-9f8e7d6c5b4a3" + "y" * 20,
    "ALLOWED_HOSTS": "livskvalitet.example.se",
    "DATABASE_URL": "",
    "EMAIL_URL": "smtp+tls://portal:secret@smtp.example.se:587",
}


def run_manage(*args, env):
    clean = {
        key: value
        for key, value in subprocess_environment().items()
        if key not in ("SECRET_KEY", "DJANGO_SETTINGS_MODULE")
    }
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_pass_check_deploy_at_warning_level():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION_ENV}
    env.pop("SECRET_KEY")
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
