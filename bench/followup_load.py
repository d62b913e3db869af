"""Load test of the follow-up round: many editors saving their action reports at once, over HTTP.

    .venv/bin/python bench/followup_load.py [--editors 200] [--seconds 60] [--database-url URL]

Creates a throw-away PostgreSQL database (by default `test_lanu_followup_load` on
127.0.0.1:5432, user postgres; dropped at the end), a plan with one organisation and
one action per editor, an editor account for each organisation, and an open round.
Serves Lanu's WSGI application on 127.0.0.1 (wsgiref, a thread per request, at most
--workers at once: each holds a database connection). Each editor is a client thread
with its own session cookie and CSRF token (logged in through the login form) that
saves its action's report again and again, as the autosave does (Accept:
application/json, the version of its previous save), until --seconds have passed.

Then it checks the database: the last value each editor's save was acknowledged
for is the one stored (else "lost"), and there is one ActionReport per action per
round (else "duplicated"). Finally it closes the round and tries one more save per
editor: each must be refused and change nothing. Prints JSON figures. Not a test.
"""

import html
import json
import logging
import os
import re
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from socketserver import ThreadingMixIn
from urllib.parse import urlsplit
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

from common import argument_parser, bench_database, print_json

DATABASE_URL = "postgres://postgres@127.0.0.1:5432/lanu_followup_load"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
REPORT_URL = "followup:report-action"  # the report form of one action: GET shows, POST saves
LOGIN_URL = "login"
SLUG, YEAR, PASSWORD = "kuormitus", 2024, "kuormitus-123"
MAX_SAVES = 100_000  # per editor: a loop ends at the deadline or here, whichever comes first
TIMEOUT = 30  # seconds for one request
ROUND_CLOSED = 409


def main() -> None:
    parser = argument_parser(__doc__.splitlines()[0], repeat=1)
    parser.set_defaults(database_url=DATABASE_URL)
    parser.add_argument("--editors", type=int, default=200, help="default 200")
    parser.add_argument("--seconds", type=float, default=60, help="default 60")
    parser.add_argument("--workers", type=int, default=40, help="requests served at once")
    args = parser.parse_args()
    if urlsplit(args.database_url).hostname not in LOOPBACK:
        sys.exit("The load test runs on a loopback database only (127.0.0.1).")
    # Plain HTTP on loopback: cookies without the Secure flag, no redirect to HTTPS.
    os.environ.update(SECURE_COOKIES="0", SECURE_SSL_REDIRECT="0")
    with bench_database(args.database_url) as vendor:
        figures = run(args)
        close_connections()
    print_json({"database": vendor, **figures})


def run(args) -> dict:
    from django.conf import settings

    check_urls()
    # Logging in is not what is measured: a fast hasher (PBKDF2 would take ~60 s of CPU here).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    round_, editors = create_data(args.editors)
    server = start_server(args.workers)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        clients = [Editor(base, n, action_id) for n, action_id in enumerate(editors)]
        started = time.monotonic()
        run_all(clients, "session", time.monotonic() + args.seconds)
        elapsed = time.monotonic() - started
        figures = save_figures(clients, elapsed) | check_stored(round_, clients)
        figures["after_close"] = after_close(round_, clients)
    finally:
        server.shutdown()
        server.server_close()
    return {"editors": args.editors, "seconds": round(elapsed, 1), **figures}


def check_urls() -> None:
    """Fail with a clear message when the report form's URL is not there (yet)."""
    from django.urls import NoReverseMatch, reverse

    for name, args in ((REPORT_URL, ["plan", 2024, 1]), (LOGIN_URL, [])):
        try:
            reverse(name, args=args)
        except NoReverseMatch:
            sys.exit(
                f"The URL “{name}” is missing (lanu/followup/reporting.py): the load test posts "
                "report saves to it, so it cannot run yet."
            )


# The data: a plan with one organisation and one action per editor, and an open round.


def create_data(editors: int):
    """The open round, and each editor's action id (editor n edits organisation n)."""
    from datetime import date

    from django.contrib.auth import get_user_model

    from lanu.accounts.models import Membership
    from lanu.followup.rounds import open_round
    from lanu.plans.synthetic import build_plan

    plan = build_plan(editors, organisations=editors, slug=SLUG)
    users = get_user_model().objects
    actions = []
    for action in plan.actions.order_by("pk"):
        user = users.create_user(f"toimittaja{len(actions)}", password=PASSWORD)
        Membership.objects.create(
            user=user, plan=plan, role=Membership.Role.EDITOR, organisation=action.organisation
        )
        actions.append(action.pk)
    round_ = open_round(plan, YEAR, date(YEAR + 1, 1, 1), date(YEAR + 1, 3, 31))
    return round_, actions


# The server: Lanu's WSGI application on loopback, a thread per request, a bounded number.


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args) -> None:
        pass


class Server(ThreadingMixIn, WSGIServer):
    """Serves each request in a thread, at most `workers` at once; the rest wait in the queue."""

    daemon_threads = True
    request_queue_size = 1024

    def process_request(self, request, client_address):
        self.slots.acquire()
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()


def start_server(workers: int) -> Server:
    from django.core.wsgi import get_wsgi_application

    server = Server(("127.0.0.1", 0), QuietHandler)
    server.slots = threading.BoundedSemaphore(workers)
    server.set_app(get_wsgi_application())  # sets logging up again: quieten it after
    logging.getLogger("django.request").setLevel(logging.ERROR)  # not each refusal after closing
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# The clients: one per editor.


class Editor:
    """One editor: logs in, opens the report form of its action, saves it until the deadline."""

    def __init__(self, base: str, n: int, action_id: int):
        from django.urls import reverse

        self.base, self.n, self.action_id = base, n, action_id
        self.url = base + reverse(REPORT_URL, args=[SLUG, YEAR, action_id])
        self.cookies = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self.version, self.loaded, self.statuses = "", "", []
        self.latencies: list[float] = []
        self.errors: dict[str, int] = {}
        self.acknowledged: list[str] = []  # the accounts of the saves answered "saved"
        self.unanswered: list[str] = []  # saves that got no answer (they may have landed)
        self.refused_after_close = 0

    def session(self, deadline: float) -> None:
        try:
            self.log_in()
            self.open_form()
        except (OSError, ValueError) as error:
            self.count_error(f"setup: {type(error).__name__}: {error}")
            return
        for k in range(MAX_SAVES):
            if time.monotonic() >= deadline:
                break
            self.save(f"Toimittaja {self.n}, tallennus {k}: toteutui suunnitellusti.", k)

    def log_in(self) -> None:
        from django.urls import reverse

        login = self.base + reverse(LOGIN_URL)
        self.opener.open(login, timeout=TIMEOUT).read()
        fields = {"username": f"toimittaja{self.n}", "password": PASSWORD}
        with self.opener.open(login, self.encode(fields), timeout=TIMEOUT) as response:
            if urlsplit(response.url).path == urlsplit(login).path:
                raise ValueError("the login was refused")

    def open_form(self) -> None:
        with self.opener.open(self.url, timeout=TIMEOUT) as response:
            page = response.read().decode()
        self.version = hidden_value(page, "version")
        self.loaded = hidden_value(page, "loaded")
        self.statuses = re.findall(r'name="status" value="(\d+)"', page)
        if not self.statuses:
            raise ValueError("the report form has no status choices")

    def csrf_token(self) -> str:
        return next(c.value for c in self.cookies if c.name == "csrftoken")

    def encode(self, fields: dict) -> bytes:
        return urllib.parse.urlencode({"csrfmiddlewaretoken": self.csrf_token(), **fields}).encode()

    def save(self, account: str, k: int) -> int | None:
        """Post one save; the HTTP status, or None when no answer came."""
        fields = {"status": self.statuses[k % len(self.statuses)], "account": account}
        fields |= {"continuation": "continues", "version": self.version, "loaded": self.loaded}
        request = urllib.request.Request(
            self.url, self.encode(fields), headers={"Accept": "application/json"}
        )
        start = time.perf_counter()
        try:
            with self.opener.open(request, timeout=TIMEOUT) as response:
                answer = json.loads(response.read())
        except urllib.error.HTTPError as error:
            self.count_error(f"HTTP {error.code}")
            return error.code
        except OSError as error:
            self.unanswered.append(account)
            self.count_error(type(error).__name__)
            return None
        self.latencies.append((time.perf_counter() - start) * 1000)
        self.version, self.loaded = str(answer["version"]), answer["loaded"]
        self.acknowledged.append(account)
        return 200

    def count_error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1

    def save_after_close(self) -> None:
        errors = dict(self.errors)
        if self.save("Tallennus suljetulle kierrokselle.", 0) == ROUND_CLOSED:
            self.refused_after_close += 1
        self.errors = errors  # the refusal is what is expected here: not an error


def hidden_value(page: str, name: str) -> str:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*>', page)
    value = re.search(r'value="([^"]*)"', match[0]) if match else None
    return html.unescape(value[1]) if value else ""


def run_all(clients: list[Editor], method: str, *args) -> None:
    threads = [
        threading.Thread(target=getattr(client, method), args=args, daemon=True)
        for client in clients
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


# The figures and the checks.


def save_figures(clients: list[Editor], elapsed: float) -> dict:
    latencies = sorted(ms for client in clients for ms in client.latencies)
    errors: dict[str, int] = {}
    for client in clients:
        for kind, count in client.errors.items():
            errors[kind] = errors.get(kind, 0) + count
    return {
        "saves": len(latencies),
        "saves_per_second": round(len(latencies) / elapsed, 1),
        "latency_ms_p50": percentile(latencies, 50),
        "latency_ms_p95": percentile(latencies, 95),
        "latency_ms_max": round(latencies[-1], 1) if latencies else None,
        "errors": sum(errors.values()),
        "error_kinds": errors,
    }


def percentile(values: list[float], p: int) -> float | None:
    if len(values) < 2:
        return round(values[0], 1) if values else None
    return round(statistics.quantiles(values, n=100)[p - 1], 1)


def stored_reports(round_) -> dict[int, tuple[str, int]]:
    from lanu.followup.models import ActionReport

    reports = ActionReport.objects.filter(round=round_)
    return {r.action_id: (r.account, r.version) for r in reports}


def check_stored(round_, clients: list[Editor]) -> dict:
    """Every acknowledged save landed (the last one is stored), and none twice."""
    from django.db.models import Count

    from lanu.followup.models import ActionReport

    stored = stored_reports(round_)
    lost = landed_unanswered = 0
    for client in clients:
        if not client.acknowledged:
            continue
        account, version = stored.get(client.action_id, ("", 0))
        if account in client.unanswered[-1:]:
            landed_unanswered += 1  # the last save got no answer but did land
        elif account != client.acknowledged[-1] or version != len(client.acknowledged):
            lost += 1
    per_action = ActionReport.objects.values("round", "action").annotate(n=Count("id"))
    return {
        "lost": lost,
        "duplicated": per_action.filter(n__gt=1).count(),
        "landed_without_answer": landed_unanswered,
        "editors_with_saves": sum(1 for client in clients if client.acknowledged),
        "reports_stored": len(stored),
    }


def after_close(round_, clients: list[Editor]) -> dict:
    """Close the round; one more save per editor must be refused and change nothing."""
    from lanu.followup.rounds import close_round

    close_round(round_)
    before = stored_reports(round_)
    run_all(clients, "save_after_close")
    refused = sum(client.refused_after_close for client in clients)
    return {
        "attempts": len(clients),
        "refused": refused,
        "changed": sum(1 for k, v in stored_reports(round_).items() if before.get(k) != v),
    }


def close_connections() -> None:
    """End the server threads' database connections, so that the database can be dropped."""
    from django.db import connection, connections

    connections.close_all()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


if __name__ == "__main__":
    main()
