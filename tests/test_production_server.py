"""Lanu runs under gunicorn with production settings, WhiteNoise serving its static files.

The way the README's Production section runs it: `collectstatic`, then `gunicorn lanu.wsgi`
in the checkout (it reads gunicorn.conf.py), DEBUG off.
"""

import os
import re
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def production_server(tmp_path):
    """Gunicorn on a free loopback port with production settings; its base address."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(
        DEBUG="false",
        SECRET_KEY="a-test-key-" + "x" * 60,
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        SECURE_SSL_REDIRECT="false",  # plain HTTP on loopback; the proxy does HTTPS
        GUNICORN_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="1",
        GUNICORN_THREADS="2",
    )
    collect = [sys.executable, "-m", "lanu", "collectstatic", "--noinput", "-v", "0"]
    subprocess.run(collect, cwd=ROOT, env=env, check=True)
    command = [sys.executable, "-m", "gunicorn", "--no-control-socket", "lanu.wsgi"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    try:
        for line in server.stderr:  # the socket is bound before this line: requests queue
            if "Listening at" in line:
                break
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.communicate(timeout=30)


def fetch(url: str):
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.status, dict(response.headers), response.read().decode()


def test_gunicorn_serves_the_pages_and_whitenoise_the_static_files(production_server):
    status, headers, page = fetch(production_server + "/accounts/login/")
    assert status == 200
    assert "Content-Security-Policy" in headers
    stylesheet = re.search(r'href="(/static/css/lanu\.[0-9a-f]{12}\.css)"', page)
    assert stylesheet, "the page links the collected, hashed stylesheet"
    status, headers, css = fetch(production_server + stylesheet[1])
    assert status == 200 and "body" in css
    assert "immutable" in headers["Cache-Control"]
