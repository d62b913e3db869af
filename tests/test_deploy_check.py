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
            "CACHE": "database",
        }
    )
    result = deploy_check(env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_warns_when_each_process_keeps_its_own_cache():
    """With gunicorn's several processes a cache in each one's memory lets a feedback
    form be flooded a process at a time."""
    env = production_environment(
        DEBUG="false", SECRET_KEY="a-test-key-" + "x" * 60, ALLOWED_HOSTS="lanu.example.fi"
    )
    result = deploy_check(env)
    assert result.returncode != 0
    assert "lanu.W001" in result.stderr and "CACHE=database" in result.stderr


def test_an_unknown_cache_is_refused_by_name():
    env = production_environment(CACHE="redis")
    result = subprocess.run(
        [sys.executable, "-m", "lanu", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "CACHE must be memory or database, not 'redis'" in result.stderr


def deploy_check(env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "lanu", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    env = production_environment(DEBUG="false", SECRET_KEY="")
    result = subprocess.run(
        [sys.executable, "-m", "lanu", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
