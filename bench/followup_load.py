"""Load test of the follow-up round: many editors saving their action reports at once, over HTTP.

    .venv/bin/python bench/followup_load.py [--editors 200] [--seconds 60] [--database-url URL]

Creates a throw-away PostgreSQL database (by default `test_lanu_followup_load` on
127.0.0.1:5432, user postgres; dropped at the end), a plan with one organisation and
one action per editor, an editor account for each organisation, and an open round.
Serves Lanu as in production: gunicorn with gunicorn.conf.py (a process per core,
threads), DEBUG off, static files collected for whitenoise, persistent database
connections, bound to a free port on 127.0.0.1. Each editor is a client thread with
its own logged-in session (made directly in the database, as the login form would:
logging in is not measured, and Django's password hasher would take minutes of CPU
for 200 editors) and CSRF token; each opens its report form, then saves its action's
report again and again, as the autosave does (Accept: application/json, the version
of its previous save), until --seconds have passed. Each run has its own pace: "typing"
(an editor writes for a random 3-15 s, seeded per editor, and the autosave saves 1.5 s
after the last keystroke: people at work, each starting with writing, not all saving at
the same instant), then 1.5 s after every answer (someone who never stops between
autosaves) and back to back (a stress test: the server's ceiling). The client threads
run in --clients processes, so that the client's own Python is not what limits the load.

Then it checks the database: the last value each editor's save was acknowledged
for is the one stored (else "lost"), and there is one ActionReport per action per
round (else "duplicated"). Finally it closes the round and tries one more save per
editor: each must be refused and change nothing. Prints JSON figures. Not a test.
"""

import html
import json
import multiprocessing
import os
import random
import re
import resource
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import Cookie, CookieJar
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

from common import ROOT, argument_parser, bench_database, print_json

DATABASE_URL = "postgres://postgres@127.0.0.1:5432/lanu_followup_load"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
REPORT_URL = "followup:report-action"  # the report form of one action: GET shows, POST saves
LOGIN_URL = "login"
SLUG, YEAR, PASSWORD = "kuormitus", 2024, "kuormitus-123"
MAX_SAVES = 100_000  # per editor: a loop ends at the deadline or here, whichever comes first
TIMEOUT = 30  # seconds for one request
ROUND_CLOSED = 409
AUTOSAVE_DELAY = 1.5  # static/js/report.js saves 1.5 s after the last keystroke
TYPING = (3.0, 15.0)  # "typing": an editor writes for 3-15 s, then pauses and the autosave saves


def main() -> None:
    parser = argument_parser(__doc__.splitlines()[0], repeat=1)
    parser.set_defaults(database_url=DATABASE_URL)
    parser.add_argument("--editors", type=int, default=200, help="default 200")
    parser.add_argument("--seconds", type=float, default=60, help="default 60")
    parser.add_argument(
        "--processes", type=int, help="gunicorn processes (default: gunicorn.conf.py, one a core)"
    )
    parser.add_argument("--clients", type=int, default=2, help="client processes, default 2")
    parser.add_argument(
        "--pauses",
        type=pause_of,
        nargs="+",
        default=["typing", AUTOSAVE_DELAY, 0.0],
        help="one run of --seconds for each: what an editor does after each answer before "
        "saving again: 'typing' (writes for a random 3-15 s, then the autosave's 1.5 s), or "
        f"a number of seconds (default: typing {AUTOSAVE_DELAY} 0: as people work, then "
        "saving again 1.5 s after every answer, then back to back)",
    )
    args = parser.parse_args()
    if urlsplit(args.database_url).hostname not in LOOPBACK:
        sys.exit("The load test runs on a loopback database only (127.0.0.1).")
    with bench_database(args.database_url) as vendor:
        try:
            figures = run(args)
        finally:
            close_connections()
    print_json({"database": vendor, "server": "gunicorn", **figures})


def pause_of(text: str) -> float | str:
    return "typing" if text == "typing" else float(text)


def run(args) -> dict:
    from django.conf import settings
    from django.db import connections

    check_urls()
    settings.SECRET_KEY = secrets.token_urlsafe(50)  # the server's too: it signs the sessions
    round_, editors = create_data(args.editors)
    connections.close_all()  # the client processes must not share this process's connection
    with tempfile.TemporaryDirectory(prefix="lanu-load-") as folder:
        server, base = start_server(Path(folder), args.processes)
        try:
            figures = measure(args, round_, editors, server, base)
        finally:
            stop_server(server)
    return {"editors": args.editors, **figures}


def measure(args, round_, editors: list[tuple[int, str]], server, base: str) -> dict:
    """Everyone opens their form, saves until each run's time is up; check what was stored."""
    pool = ClientPool(args.clients, base, editors)
    try:
        figures = {"set_up_seconds": pool.set_up(), "runs": []}
        for pause in args.pauses:
            figures["runs"].append(measure_run(round_, pool, server, args.seconds, pause))
        figures["after_close"] = after_close(round_, pool, len(editors))
        figures["client_cpu_seconds"] = pool.cpu_seconds()
    finally:
        pool.stop()
    return figures


def measure_run(round_, pool, server, seconds: float, pause: float) -> dict:
    before = cpu_sample(server)
    started = time.monotonic()
    results = pool.save_until(started + seconds, pause)
    elapsed = time.monotonic() - started
    used = {name: cpu - before.get(name, 0.0) for name, cpu in cpu_sample(server).items()}
    figures = save_figures(results, elapsed) | check_stored(round_, results)
    saves = max(figures["saves"], 1)
    figures["cpu_ms_per_save"] = {name: round(cpu * 1000 / saves, 1) for name, cpu in used.items()}
    return {"pause_seconds": pause, "seconds": round(elapsed, 1), **figures}


def cpu_sample(server) -> dict[str, float]:
    """CPU seconds used so far by gunicorn's workers and by the database's server processes.

    The machine may be shared: these say what a save costs, whatever else runs.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        )
        backends = [pid for (pid,) in cursor.fetchall()]
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    return {"gunicorn": cpu_of(map(int, children)), "postgresql": cpu_of(backends)}


def cpu_of(pids) -> float:
    """User and system CPU seconds of these processes (Linux /proc)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / os.sysconf("SC_CLK_TCK")


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
    """The open round, and each editor's action id and session (editor n edits organisation n)."""
    from datetime import date

    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from lanu.accounts.models import Membership
    from lanu.followup.rounds import open_round
    from lanu.importers.synthetic import build_plan

    plan = build_plan(editors, organisations=editors, slug=SLUG)
    hashed = make_password(PASSWORD)  # Django's own hasher, once: every editor has this password
    actions = list(plan.actions.order_by("pk"))
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"toimittaja{n}", password=hashed) for n in range(editors)
    )
    Membership.objects.bulk_create(
        Membership(user=user, plan=plan, role=Membership.Role.EDITOR, organisation=a.organisation)
        for user, a in zip(users, actions, strict=True)
    )
    round_ = open_round(plan, YEAR, date(YEAR + 1, 1, 1), date(YEAR + 1, 3, 31))
    pairs = zip(actions, users, strict=True)
    return round_, [(action.pk, logged_in_session(user)) for action, user in pairs]


def logged_in_session(user) -> str:
    """The key of a session logged in as the user, as the login form would have made it.

    Logging in is not what is measured, and the login form checks the password with
    Django's deliberately slow hasher: for 200 editors, minutes of CPU on this machine.
    """
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "lanu.accounts.backends.UsernameOrEmailBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


# The server: gunicorn running Lanu as in production, on a free port of 127.0.0.1.


def start_server(folder: Path, process_count: int | None) -> tuple[subprocess.Popen, str]:
    """Gunicorn on the bench database; its address once it answers. Its log goes to folder."""
    env = server_environment(str(folder / "static"), process_count)
    collect_static(env)
    port = free_port()
    env["GUNICORN_BIND"] = f"127.0.0.1:{port}"
    # The same workers throughout, so that their CPU time can be read (--max-requests 0).
    command = [sys.executable, "-m", "gunicorn", "--no-control-socket", "--max-requests", "0"]
    command.append("lanu.wsgi")
    with open(folder / "gunicorn.log", "w") as log:  # shown when gunicorn fails
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(server, base)
    except BaseException:
        stop_server(server)
        sys.stderr.write((folder / "gunicorn.log").read_text()[-4000:])
        raise
    return server, base


def server_environment(static_root: str, process_count: int | None) -> dict:
    """Production settings, on the bench database, plain HTTP on loopback."""
    from django.conf import settings
    from django.db import connection

    env = dict(os.environ)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(
        DATABASE_URL=database_url_of(connection.settings_dict),
        DEBUG="false",
        SECRET_KEY=settings.SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_COOKIES="false",  # plain HTTP on loopback: cookies without the Secure flag
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        CONN_MAX_AGE=env.get("CONN_MAX_AGE", "60"),
        STATIC_ROOT=static_root,
        LOG_LEVEL="ERROR",  # not each refusal after closing
    )
    if process_count:
        env["WEB_CONCURRENCY"] = str(process_count)
    return env


def database_url_of(database: dict) -> str:
    user, host, port = database["USER"] or "postgres", database["HOST"], database["PORT"] or 5432
    password = f":{urllib.parse.quote(database['PASSWORD'])}" if database["PASSWORD"] else ""
    return f"postgres://{urllib.parse.quote(user)}{password}@{host}:{port}/{database['NAME']}"


def collect_static(env: dict) -> None:
    """What whitenoise serves in production, compressed and with hashed names."""
    command = [sys.executable, "-m", "lanu", "collectstatic", "--noinput", "-v", "0"]
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_answering(server: subprocess.Popen, base: str, seconds: float = 60) -> None:
    """Poll the login page until gunicorn answers it; fail if gunicorn ends or never does."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn ended with status {server.returncode} before answering.")
        try:
            with urllib.request.urlopen(base + reverse_url(LOGIN_URL), timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)  # not yet listening: poll again
    sys.exit(f"gunicorn did not answer within {seconds:.0f} s.")


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def reverse_url(name: str, args=()) -> str:
    from django.urls import reverse

    return reverse(name, args=args)


# The clients: one per editor, as threads in a few client processes.


class Editor:
    """One editor: logs in, opens the report form of its action, saves it until the deadline."""

    def __init__(self, base: str, n: int, action_id: int, session_key: str):
        self.base, self.n, self.action_id = base, n, action_id
        self.url = base + reverse_url(REPORT_URL, args=[SLUG, YEAR, action_id])
        self.cookies = CookieJar()
        self.cookies.set_cookie(session_cookie(session_key))
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self.version, self.loaded, self.statuses = "", "", []
        self.latencies: list[float] = []
        self.errors: dict[str, int] = {}
        self.acknowledged: list[str] = []  # the accounts of the saves answered "saved"
        self.unanswered: list[str] = []  # saves that got no answer (they may have landed)
        self.refused_after_close = 0
        self.ready = False

    def set_up(self) -> None:
        try:
            self.open_form()
        except (OSError, ValueError) as error:
            self.count_error(f"setup: {type(error).__name__}: {error}")
        else:
            self.ready = True

    def save_until(self, deadline: float, pause: float | str) -> None:
        """Save until the deadline; a typing editor writes first, and saves when it pauses."""
        chance = random.Random(self.n)  # the same editors type alike in every run
        typing = pause == "typing"
        for k in range(MAX_SAVES if self.ready else 0):
            if typing:
                self.wait(chance.uniform(*TYPING) + AUTOSAVE_DELAY, deadline)
            if time.monotonic() >= deadline:
                break
            self.save(f"Toimittaja {self.n}, tallennus {k}: toteutui suunnitellusti.", k)
            if not typing:
                self.wait(pause, deadline)

    @staticmethod
    def wait(seconds: float, deadline: float) -> None:
        time.sleep(max(0.0, min(seconds, deadline - time.monotonic())))  # the editor types on

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
        if not self.ready:
            return
        errors = dict(self.errors)
        if self.save("Tallennus suljetulle kierrokselle.", 0) == ROUND_CLOSED:
            self.refused_after_close += 1
        self.errors = errors  # the refusal is what is expected here: not an error

    def result(self) -> dict:
        names = ("action_id", "latencies", "errors", "acknowledged", "unanswered")
        return {name: getattr(self, name) for name in names}


def session_cookie(key: str) -> Cookie:
    return Cookie(0, "sessionid", key, None, False, "127.0.0.1", False, False, "/", True, False,
                  None, False, None, None, {})  # fmt: skip


def run_client(pipe, base: str, editors: list[tuple[int, tuple[int, str]]]) -> None:
    """A client process: its editors open their forms, save until told to stop, then once more."""
    clients = [Editor(base, n, action, session) for n, (action, session) in editors]
    run_all(clients, "set_up")
    pipe.send("ready")
    while (order := pipe.recv()) != "closed":
        run_all(clients, "save_until", *order)
        pipe.send([client.result() for client in clients])
        for client in clients:
            client.latencies, client.errors = [], {}  # each run's own; acknowledged go on
    run_all(clients, "save_after_close")
    usage = resource.getrusage(resource.RUSAGE_SELF)
    pipe.send((sum(c.refused_after_close for c in clients), usage.ru_utime + usage.ru_stime))


class ClientPool:
    """The client processes (forked), each with its share of the editors, steered by pipes."""

    def __init__(self, count: int, base: str, editors: list[tuple[int, str]]):
        context = multiprocessing.get_context("fork")
        numbered = list(enumerate(editors))
        self.pipes, self.processes, self.cpu = [], [], 0.0
        for k in range(count):
            mine, theirs = context.Pipe()
            share = numbered[k::count]
            process = context.Process(target=run_client, args=(theirs, base, share), daemon=True)
            process.start()
            self.pipes.append(mine)
            self.processes.append(process)

    def set_up(self) -> float:
        """Seconds until every editor has opened its form (not measured)."""
        started = time.monotonic()
        self.receive()
        return round(time.monotonic() - started, 1)

    def save_until(self, deadline: float, pause: float) -> list[SimpleNamespace]:
        self.send((deadline, pause))
        return [SimpleNamespace(**result) for results in self.receive() for result in results]

    def save_after_close(self) -> int:
        self.send("closed")
        answers = self.receive()
        self.cpu = round(sum(cpu for _refused, cpu in answers), 1)
        return sum(refused for refused, _cpu in answers)

    def cpu_seconds(self) -> float:
        return self.cpu

    def send(self, message) -> None:
        for pipe in self.pipes:
            pipe.send(message)

    def receive(self) -> list:
        return [pipe.recv() for pipe in self.pipes]

    def stop(self) -> None:
        for process in self.processes:
            process.join(timeout=10)
            if process.is_alive():
                process.kill()


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


def save_figures(clients: list[SimpleNamespace], elapsed: float) -> dict:
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


def check_stored(round_, clients: list[SimpleNamespace]) -> dict:
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


def after_close(round_, pool: ClientPool, attempts: int) -> dict:
    """Close the round; one more save per editor must be refused and change nothing."""
    from lanu.followup.rounds import close_round

    close_round(round_)
    before = stored_reports(round_)
    refused = pool.save_after_close()
    return {
        "attempts": attempts,
        "refused": refused,
        "changed": sum(1 for k, v in stored_reports(round_).items() if before.get(k) != v),
    }


def close_connections() -> None:
    """End every other database connection, so that the database can be dropped."""
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
