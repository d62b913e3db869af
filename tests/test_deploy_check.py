"""`python -m lanu check --deploy` finds nothing to warn about in production settings."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def production_environment(**settings) -> dict:
    """This environment less what only the tests set, plus the settings given."""
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG"}}
    return {**env, **settings}


def test_deploy_check_is_clean_with_production_settings():
    env = production_environment(
        **{
            "DEBUG": "false",
            "SECRET_KEY": "a-test-key-" + "x" * 60,
            "ALLOWED_HOSTS": "lanu.example.fi",
        }
    )
    result = subprocess.run(
        [sys.executable, "-m", "lanu", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = production_environment(DEBUG="false", SECRET_KEY="")
    result = subprocess.run(
        [sys.executable, "-m", "lanu", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
