"""Scale out for real: two web processes and two queue workers share one PostgreSQL and one Redis.

The processes are started from the commands in deploy/systemd (gunicorn with deploy's config on
two loopback ports, ``kalm run_huey`` twice), and when nginx is installed the load goes through
deploy/nginx/kalm.conf (TLS with a throw-away certificate, the upstream pointed at the two ports).
The test then shows that both web processes served requests, both workers ran jobs, and every job
ran exactly once: each task id once across both workers' logs, one analysis per message and one
confirmation email per web case at an SMTP server on loopback.

Needs PostgreSQL (DATABASE_URL, as in the PostgreSQL suite of ``make test``) and Redis
(KALM_TEST_REDIS_URL); absent ones skip the test, or fail it under KALM_REQUIRE_ALL=1. Without
nginx the load goes round robin to the two ports (a failure under KALM_REQUIRE_ALL=1).
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import shlex
import shutil
import signal
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from kalm.channels.tests.servers import SmtpSink, free_port
from kalm.core.env import parse_database_url

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
BIN = Path(sys.executable).parent
REDIS_URL = os.environ.get("KALM_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
REQUIRE_ALL = os.environ.get("KALM_REQUIRE_ALL") == "1"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
N_API = 16  # cases opened through the API
N_WEB = 8  # complaints sent with the web form (each gets a confirmation email)
DRAIN_SECONDS = 40
# One line per finished job, in huey's own log format (the consumer also logs it once more
# through Django's root logger, in another format that this does not match).
# ("N retries" is how many retries a job has left; a retried job keeps its id.)
EXECUTED = re.compile(
    r"INFO:huey:[\w-]+:(?P<name>[\w.]+): (?P<id>[0-9a-f-]{36})(?: \d+ retries)? executed in"
)
STARTED = re.compile(r"INFO:huey:[\w-]+:Executing (?P<name>[\w.]+): (?P<id>[0-9a-f-]{36})")

pytestmark = pytest.mark.postgres_only


def _missing(what: str) -> None:
    if REQUIRE_ALL:
        pytest.fail(what)
    pytest.skip(what)


def _postgres_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip(
            "scale-out test needs PostgreSQL: it runs in the PostgreSQL suite of make test "
            "(DATABASE_URL=postgres://...); the SQLite run skips it"
        )
    return url


def _redis_or_skip() -> None:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except Exception as exc:
        _missing(f"Redis does not answer at {REDIS_URL} (set KALM_TEST_REDIS_URL): {exc}")


def _redis_url(db: int) -> str:
    """A database of this test's own on the test Redis server."""
    return urlsplit(REDIS_URL)._replace(path=f"/{db}").geturl()


def _flush(*dbs: int) -> None:
    import redis

    for db in dbs:
        redis.Redis.from_url(_redis_url(db)).flushdb()


def _unit_command(unit: str, instance: str, env: dict[str, str]) -> list[str]:
    """The unit's ExecStart, as systemd would run it here: %i is the instance, ${VAR} comes
    from the environment file, and /srv/kalm is this checkout."""
    text = (DEPLOY / "systemd" / unit).read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.startswith("ExecStart="))
    args = []
    for arg in shlex.split(line.removeprefix("ExecStart=")):
        arg = arg.replace("%i", instance)
        arg = re.sub(r"\$\{(\w+)\}", lambda m: env[m.group(1)], arg)
        arg = arg.replace("/srv/kalm/.venv/bin/", f"{BIN}/").replace("/srv/kalm/", f"{ROOT}/")
        args.append(arg)
    return args


class Processes:
    """Children in process groups of their own, output in one log file each."""

    def __init__(self, logs: Path) -> None:
        self.logs = logs
        self.running: dict[str, subprocess.Popen] = {}

    def start(self, name: str, cmd: list[str], env: dict[str, str]) -> subprocess.Popen:
        log = (self.logs / f"{name}.log").open("wb")
        process = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.running[name] = process
        return process

    def log(self, name: str) -> str:
        path = self.logs / f"{name}.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    def tails(self, lines: int = 25) -> str:
        out = []
        for path in sorted(self.logs.glob("*.log")):
            text = path.read_text(encoding="utf-8", errors="replace").splitlines()
            out.append(f"--- {path.name} (last {lines} lines)")
            out.extend(text[-lines:])
        return "\n".join(out)

    def stop_all(self) -> None:
        for process in self.running.values():
            if process.poll() is None:
                # SIGINT: gunicorn and huey both stop at once on it, and so does nginx.
                os.killpg(process.pid, signal.SIGINT)
        deadline = time.monotonic() + 10
        for process in self.running.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)


def _run(cmd: list[str], env: dict[str, str], timeout: float = 60) -> str:
    result = subprocess.run(
        cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert result.returncode == 0, f"{shlex.join(cmd)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _wait_http(url: str, process: subprocess.Popen, procs: Processes, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, f"{url}: the process exited\n{procs.tails()}"
        try:
            with urllib.request.urlopen(url, timeout=2, context=_insecure()):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    pytest.fail(f"nothing answered at {url} within {timeout} s\n{procs.tails()}")


def _insecure() -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the test's own throw-away certificate
    return context


def _nginx_site(tmp: Path, web_ports: list[int], http_port: int, https_port: int, var: Path):
    """deploy/nginx/kalm.conf with only its machine-specific parts replaced, inside a minimal
    nginx.conf of the test's own (pid, logs and temp files in tmp)."""
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"),
            *("-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"),
            *("-keyout", str(tmp / "key.pem"), "-out", str(tmp / "cert.pem")),
        ],
        check=True,
        capture_output=True,
        timeout=30,
    )
    site = (DEPLOY / "nginx" / "kalm.conf").read_text(encoding="utf-8")
    replacements = {
        "server 127.0.0.1:8001 ": f"server 127.0.0.1:{web_ports[0]} ",
        "server 127.0.0.1:8002 ": f"server 127.0.0.1:{web_ports[1]} ",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen [::]:80;": "",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
        "listen [::]:443 ssl http2;": "",
        "/etc/letsencrypt/live/klachten.example.nl/fullchain.pem": str(tmp / "cert.pem"),
        "/etc/letsencrypt/live/klachten.example.nl/privkey.pem": str(tmp / "key.pem"),
        "/var/log/nginx/kalm.access.log;": f"{tmp}/logs/nginx-access.log upstream;",
        "/var/log/nginx/kalm.error.log": f"{tmp}/logs/nginx-error.log",
        "/srv/kalm/var/static/": f"{var}/static/",
    }
    for old, new in replacements.items():
        assert old in site, f"deploy/nginx/kalm.conf no longer has {old!r}: update this test"
        site = site.replace(old, new)
    (tmp / "kalm-site.conf").write_text(site, encoding="utf-8")
    temp = tmp / "nginx-temp"
    temp.mkdir()
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read the test's files
    main = f"""{user}worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/logs/nginx-error.log;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    log_format upstream '"$request" $status upstream=$upstream_addr';
    include {tmp}/kalm-site.conf;
}}
"""
    conf = tmp / "nginx.conf"
    conf.write_text(main, encoding="utf-8")
    return conf


class Client:
    """One visitor (their own cookies), over HTTPS to nginx or HTTP to a web process."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
            urllib.request.HTTPSHandler(context=_insecure()),
        )

    def request(self, path: str, data: bytes | None = None, headers: dict | None = None):
        request = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        with self.opener.open(request, timeout=20) as response:
            return response.status, response.read().decode("utf-8", errors="replace")


def _api_case(base: str, secret: str, i: int) -> int:
    body = {
        "consumer": {"name": f"API klant {i}", "email": f"api{i}@example.nl"},
        "subject": f"Lekkende fles {i}",
        "body": f"De fles lekte al bij aankomst, bestelling {1000 + i}.",
    }
    status, _text = Client(base).request(
        "/api/v1/cases",
        json.dumps(body).encode(),
        {"Authorization": f"Bearer {secret}", "Content-Type": "application/json"},
    )
    return status


def _web_case(base: str, i: int) -> int:
    client = Client(base)
    _status, page = client.request("/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token, "the complaint form has no CSRF token"
    form = {
        "csrfmiddlewaretoken": token.group(1),
        "name": f"Web klant {i}",
        "email": f"web{i}@example.nl",
        "body": f"Het deksel sluit niet meer, gekocht op de markt ({i}).",
        "website": "",
    }
    status, _page = client.request(
        "/",
        urllib.parse.urlencode(form).encode(),
        # A browser's same-origin Referer: Django wants it on HTTPS (nginx says HTTPS).
        {"Referer": base + "/", "Content-Type": "application/x-www-form-urlencoded"},
    )
    return status


def _executions(procs: Processes, names: list[str]) -> list[tuple[str, str, str]]:
    """(worker, task name, task id) for every finished job in the workers' logs."""
    return [
        (worker, m["name"], m["id"])
        for worker in names
        for m in EXECUTED.finditer(procs.log(worker))
    ]


def test_two_web_processes_and_two_workers_share_the_load_and_do_each_job_once(tmp_path):
    import psycopg
    from aiosmtpd.controller import Controller

    pg_url = _postgres_url()
    _redis_or_skip()
    nginx = Path(NGINX).exists()
    if not nginx:
        _missing(f"nginx is not installed ({NGINX}; apt-get install nginx)")

    cfg = parse_database_url(pg_url)
    connect = {
        "host": cfg["HOST"],
        "port": cfg["PORT"] or 5432,
        "user": cfg["USER"],
        "password": cfg["PASSWORD"],
    }
    db_name = f"kalm_scaleout_{os.getpid()}"
    db_url = urlsplit(pg_url)._replace(path=f"/{db_name}", query="").geturl()
    queue_db, cache_db = 14, 13
    _flush(queue_db, cache_db)

    sink = SmtpSink()
    smtp = Controller(sink, hostname="127.0.0.1", port=free_port())
    smtp.start()
    var, logs = tmp_path / "var", tmp_path / "logs"
    var.mkdir()
    logs.mkdir()
    procs = Processes(logs)
    web_ports = [free_port(), free_port()]
    http_port, https_port = free_port(), free_port()
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "KALM_VAR_DIR": str(var),
        "KALM_MEDIA_DIR": str(tmp_path / "shared-media"),
        "SECRET_KEY": "kalm-scaleout-test-secret-key",
        "KALM_QUEUE_URL": _redis_url(queue_db),
        "KALM_QUEUE_IMMEDIATE": "0",
        "KALM_CACHE_URL": _redis_url(cache_db),
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp.port),
        "EMAIL_USE_TLS": "0",
        "SITE_URL": f"https://127.0.0.1:{https_port}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "KALM_TRUST_FORWARDED_PROTO": "1" if nginx else "0",
        "KALM_PLAIN_STATIC": "1",
        "KALM_WEB_WORKERS": "1",  # one gunicorn worker per web process: the spread is visible
        "KALM_WEB_THREADS": "4",
        "KALM_WORKER_THREADS": "2",
        "LOG_LEVEL": "INFO",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("EMAIL_BACKEND", None)  # Django's SMTP backend, since EMAIL_HOST is set
    with psycopg.connect(**connect, dbname="postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{db_name}"')
    try:
        # Deploy steps (docs/operations.md): migrate, collect static files, an integration.
        # (collectstatic needs no database: it runs while migrate does)
        static = procs.start(
            "collectstatic", [str(BIN / "kalm"), "collectstatic", "--noinput"], env
        )
        _run([str(BIN / "kalm"), "migrate", "--noinput", "-v", "0"], env, timeout=120)
        assert static.wait(timeout=60) == 0, procs.tails()
        _run(
            [
                *(str(BIN / "kalm"), "shell", "--no-imports", "-c"),
                "from kalm.accounts.models import Role, User; "
                "User.objects.create_user(username='intake', password='x-unused-9', "
                "role=Role.AGENT, alias='Intake', email='intake@example.nl')",
            ],
            env,
        )
        secret = _run(
            [
                *(str(BIN / "kalm"), "create_api_token", "--name", "scale-out test"),
                *("--user", "intake", "--scopes", "cases:write"),
            ],
            env,
        ).strip()

        webs = [f"web-{port}" for port in web_ports]
        workers = ["worker-1", "worker-2"]
        for name, port in zip(webs, web_ports, strict=True):
            procs.start(name, _unit_command("kalm-web@.service", str(port), env), env)
        for n, name in enumerate(workers, 1):
            procs.start(name, _unit_command("kalm-worker@.service", str(n), env), env)
        for name, port in zip(webs, web_ports, strict=True):
            _wait_http(f"http://127.0.0.1:{port}/desk/login/", procs.running[name], procs)

        if nginx:
            conf = _nginx_site(tmp_path, web_ports, http_port, https_port, var)
            check = subprocess.run(
                [NGINX, "-t", "-c", str(conf), "-e", str(logs / "nginx-error.log")],
                capture_output=True,
                text=True,
                timeout=30,
                check=False,
            )
            assert check.returncode == 0, (
                f"nginx -t refused deploy/nginx/kalm.conf:\n{check.stderr}"
            )
            proxy = procs.start(
                "nginx", [NGINX, "-c", str(conf), "-e", str(logs / "nginx-error.log")], env
            )
            _wait_http(f"https://127.0.0.1:{https_port}/desk/login/", proxy, procs)
            bases = [f"https://127.0.0.1:{https_port}"]
        else:  # round robin by hand
            bases = [f"http://127.0.0.1:{port}" for port in web_ports]

        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=4) as pool:
            api = [pool.submit(_api_case, bases[i % len(bases)], secret, i) for i in range(N_API)]
            web = [pool.submit(_web_case, bases[i % len(bases)], i) for i in range(N_WEB)]
            statuses = [f.result() for f in api], [f.result() for f in web]
        sent_in = time.monotonic() - started
        assert statuses == ([201] * N_API, [200] * N_WEB), f"{statuses}\n{procs.tails()}"

        # The queue drains: every new case read (its message analysed, its topic looked at:
        # one job per case), every web case's confirmation delivered.
        from huey import RedisHuey

        queue = RedisHuey("kalm", url=_redis_url(queue_db))
        expected = {
            "kalm.cases.tasks.read_new_case": N_API + N_WEB,
            "kalm.cases.tasks.send_case_email": N_WEB,
        }
        deadline = time.monotonic() + DRAIN_SECONDS
        while True:
            done = Counter(name for _w, name, _id in _executions(procs, workers))
            if all(done[name] >= count for name, count in expected.items()) and (
                queue.pending_count() == 0 and len(sink.envelopes) >= N_WEB
            ):
                break
            for name in [*webs, *workers]:
                assert procs.running[name].poll() is None, f"{name} died\n{procs.tails()}"
            if time.monotonic() > deadline:
                pytest.fail(
                    f"the queue did not drain in {DRAIN_SECONDS} s: {dict(done)}, "
                    f"{queue.pending_count()} pending, {len(sink.envelopes)} emails\n"
                    + procs.tails()
                )
            time.sleep(0.3)
        drained_in = time.monotonic() - started
        time.sleep(2)  # a job run twice would show up now

        runs = _executions(procs, workers)
        per_id = Counter(task_id for _w, _name, task_id in runs)
        twice = sorted(task_id for task_id, n in per_id.items() if n > 1)
        assert not twice, f"jobs executed more than once: {twice}\n{procs.tails()}"
        starts = Counter(m["id"] for worker in workers for m in STARTED.finditer(procs.log(worker)))
        assert starts == per_id, f"jobs started but not finished, or started twice\n{procs.tails()}"
        done = Counter(name for _w, name, _id in runs)
        for name, count in expected.items():
            assert done[name] == count, f"{name}: {done[name]} runs for {count} jobs"

        # (b) both workers worked on the cases' jobs.
        by_worker = Counter(w for w, name, _id in runs if name in expected)
        assert set(by_worker) == set(workers), f"jobs per worker: {dict(by_worker)}"

        # (a) both web processes served the posts (gunicorn's access log, one line each).
        posts = {
            name: len(re.findall(r'"POST /(?:api/v1/cases)? HTTP', procs.log(name)))
            for name in webs
        }
        assert all(posts.values()), f"posts per web process: {posts}\n{procs.tails()}"
        assert sum(posts.values()) == N_API + N_WEB, f"posts per web process: {posts}"

        # (c) the visible side effects, once each: one analysis per message, one
        # confirmation per web case, sent to that case's consumer with its reference.
        with psycopg.connect(**connect, dbname=db_name) as conn:
            messages, analyses = conn.execute(
                "SELECT (SELECT count(*) FROM cases_message),"
                " (SELECT count(*) FROM empathy_messageanalysis)"
            ).fetchone()
            web_cases = dict(
                conn.execute(
                    "SELECT c.reference, p.email FROM cases_case c"
                    " JOIN consumers_consumer p ON p.id = c.consumer_id WHERE c.channel = 'web'"
                ).fetchall()
            )
        assert (messages, analyses) == (N_API + N_WEB, N_API + N_WEB)
        assert len(web_cases) == N_WEB
        mails = Counter(
            (ref, msg["To"].addresses[0].addr_spec)
            for msg in sink.messages
            for ref in web_cases
            if ref in str(msg["Subject"])
        )
        assert sorted(mails) == sorted(web_cases.items()), f"confirmations: {mails}"
        assert set(mails.values()) == {1} and len(sink.envelopes) == N_WEB

        if nginx:
            # Static files come from disk through nginx, never from a web process.
            status, css = Client(bases[0]).request("/static/admin/css/base.css")
            assert status == 200 and "body" in css
            assert not any("/static/" in procs.log(name) for name in webs)
            spread = Counter(re.findall(r"upstream=(127\.0\.0\.1:\d+)", procs.log("nginx-access")))
            assert len(spread) == 2, f"nginx upstreams used: {dict(spread)}"
        print(
            f"\nscale-out: {N_API + N_WEB} cases in {sent_in:.1f} s, queue drained after "
            f"{drained_in:.1f} s; posts per web process {posts}; case jobs per worker "
            f"{dict(by_worker)}; {len(runs)} jobs in all, none twice"
        )
    finally:
        procs.stop_all()
        smtp.stop()
        with psycopg.connect(**connect, dbname="postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
        _flush(queue_db, cache_db)
