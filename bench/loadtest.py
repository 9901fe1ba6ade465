"""`make loadtest`: a bounded flood with exact accounting (issue 10, "Load with
exact accounting").

The site runs the production way on PostgreSQL (gunicorn with several
workers, deploy/gunicorn.conf.py) behind nginx with deploy/nginx's
configuration, on 127.0.0.1. Three wrk processes (bench/load.lua) run at once
for LOADTEST_SECONDS: readers browsing the home page, an article, a section
and search; clients posting comments; clients signing up for the newsletter.
Each post comes from a reader address of its own: wrk plays a CDN in front of
nginx that appends it to X-Forwarded-For, so TRUSTED_PROXY_COUNT is 2 (the
CDN's entry, then nginx's own).

Afterwards the comments and subscribers stored from the flood must equal the
posts answered with a redirect (the only answer that accepts one), and no
request may have had a 5xx. It prints p50/p99 for each kind of client, writes
var/bench/loadtest.json, and exits 1 if a check fails.

Reuses `make bench`'s pieces (bench/run.py: the production environment,
its data set, gunicorn, wrk). Set in the environment (defaults in brackets):
    LOADTEST_SECONDS      how long the flood lasts [60]
    LOADTEST_READERS      wrk connections browsing [8]
    LOADTEST_POSTERS      wrk connections posting comments, and as many signing up [16]
    LOADTEST_ARTICLES     generated articles in its data set [200]
    DATABASE_URL          a PostgreSQL server (required): the data goes in <its name>_loadtest
    BENCH_REDIS_URL       the cache [redis://127.0.0.1:6379/14], emptied at each run
    WEB_CONCURRENCY       gunicorn workers [4]
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import ExitStack
from urllib.parse import urlsplit, urlunsplit

from bench.common import ROOT, VAR, say
from bench.run import Options, Server, free_ports, manage, prepare_data, production_env
from bench.wrk import finish_wrk, start_wrk, with_outcome

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
NGINX_RENDER = ROOT / "deploy" / "nginx" / "render.py"
# Where bench/load.lua's posters write from; bench/data.py deletes them at the
# start of each run.
LOAD_DOMAIN = "load.bench.example"
# Seconds wrk waits after the posting deadline for the last posts' answers.
GRACE = 10
BROWSER = ["Accept-Encoding: gzip, deflate, br, zstd", "Accept: text/html"]

NGINX_MAIN = """\
{user}
worker_processes 2;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {prefix}/newsroom.conf;
}}
"""

COUNT_STORED = f"""
import django, json
django.setup()
from django.core.management import call_command
# A sign-up is decided by the task worker (newsletter.tasks.record_sign_up):
# run what the flood queued before counting what it stored.
call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
from comments.models import Comment
from newsletter.models import Subscriber
print(json.dumps({{
    "comments": Comment.objects.filter(email__endswith="@{LOAD_DOMAIN}").count(),
    "subscribers": Subscriber.objects.filter(email__endswith="@{LOAD_DOMAIN}").count(),
}}))
"""


def number(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip() or str(default)
    if not raw.isdecimal() or int(raw) < 1:
        raise SystemExit(f"{name} must be a whole number above 0, got {raw!r}")
    return int(raw)


def database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        raise SystemExit(
            "make loadtest needs PostgreSQL: DATABASE_URL=postgres://... (the data goes "
            "in a database of its own, <name>_loadtest)"
        )
    return urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}_loadtest"))


class Nginx:
    """Debian's nginx with deploy/nginx's rendered configuration, in a
    directory of its own under var/bench/."""

    def __init__(self, env: dict[str, str], port: int):
        self.port = port
        self.env = {
            **env,
            "NGINX_LISTEN": f"127.0.0.1:{port}",
            "NGINX_CACHE_DIR": str(VAR / "loadtest-nginx" / "cache"),
        }
        self.prefix = VAR / "loadtest-nginx"

    def __enter__(self):
        shutil.rmtree(self.prefix, ignore_errors=True)
        self.prefix.mkdir(parents=True)
        site = subprocess.run(  # noqa: S603 (our own script)
            [sys.executable, str(NGINX_RENDER)],
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        )
        (self.prefix / "newsroom.conf").write_text(site.stdout)
        # Workers started by root would run as "nobody", who may not read var/.
        user = "user root;" if os.geteuid() == 0 else ""
        (self.prefix / "nginx.conf").write_text(NGINX_MAIN.format(prefix=self.prefix, user=user))
        self.process = subprocess.Popen(  # noqa: S603 (Debian's nginx, our configuration)
            [NGINX, "-p", self.prefix, "-c", self.prefix / "nginx.conf", "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while self.process.poll() is None and time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return self
            except OSError:
                time.sleep(0.1)
        self.__exit__(None, None, None)
        log = self.prefix / "error.log"
        raise SystemExit(f"nginx did not start:\n{log.read_text() if log.exists() else ''}")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGQUIT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def stored(env: dict[str, str]) -> dict[str, int]:
    done = subprocess.run(  # noqa: S603 (our interpreter, our code)
        [sys.executable, "-c", COUNT_STORED],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def server_errors(result: dict) -> int:
    return sum(n for status, n in result.get("statuses", {}).items() if status.startswith("5"))


def main() -> dict:
    for program in ("wrk", NGINX):
        if not shutil.which(program):
            raise SystemExit(f"make loadtest needs {program} (Debian: apt-get install wrk nginx)")
    seconds = number("LOADTEST_SECONDS", 60)
    readers = number("LOADTEST_READERS", 8)
    posters = number("LOADTEST_POSTERS", 16)
    options = Options(
        articles=number("LOADTEST_ARTICLES", 200),
        seconds=seconds,
        warmup=0,
        connections=readers,
        flood_connections=posters,
    )
    VAR.mkdir(parents=True, exist_ok=True)
    app_port, proxy_port = free_ports(2)
    site_url = f"http://127.0.0.1:{proxy_port}"
    env = {
        **production_env(options, app_port),
        "DATABASE_URL": database_url(),
        "SITE_URL": site_url,
        # wrk is the CDN in front of nginx: its entry, then nginx's.
        "TRUSTED_PROXY_COUNT": "2",
        "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "4"),
        "BIND": f"127.0.0.1:{app_port}",
        "LOG_LEVEL": "WARNING",
    }
    data = prepare_data(env, options)
    manage(env, "collectstatic", "--noinput", "-v0")
    say(
        f"Flood for {seconds} s through nginx: {readers} readers, {posters} commenters, "
        f"{posters} sign-ups, gunicorn with {env['WEB_CONCURRENCY']} workers on {data['database']}."
    )
    pages = ["/", data["article_url"], data["section_deep_page_url"], data["search_url"]]
    post_args = [str(data["article_id"]), site_url]
    with ExitStack() as servers:
        servers.enter_context(Server("loadtest-site", "newsroom.wsgi", env, app_port))
        servers.enter_context(Nginx(env, proxy_port))
        # Posters stop at the deadline, each between an answer and its next
        # post (one connection per wrk thread: bench/load.lua); wrk itself
        # runs GRACE seconds longer, so that the last posts are answered.
        deadline = str(int(time.time()) + seconds)
        posting = {
            "threads": posters,
            "args": [*post_args, deadline],
        }
        runs = {
            "readers": start_wrk(
                site_url + "/", seconds, readers, BROWSER, mode="browse", args=pages
            ),
            "comments": start_wrk(
                site_url + "/", seconds + GRACE, posters, [], mode="comment", **posting
            ),
            "signups": start_wrk(
                site_url + "/", seconds + GRACE, posters, [], mode="signup", **posting
            ),
        }
        results = {name: finish_wrk(process, seconds + GRACE) for name, process in runs.items()}
    for name in ("comments", "signups"):
        # Over the posting time, not wrk's run with its grace.
        results[name] = {
            **with_outcome(results[name]),
            "rps": round(results[name]["requests"] / seconds, 1),
        }
    rows = stored(env)
    checks = {
        "no 5xx": all(server_errors(result) == 0 for result in results.values()),
        "no socket errors": all(result["socket_errors"] == 0 for result in results.values()),
        "stored comments == accepted": rows["comments"] == results["comments"]["accepted"],
        "stored subscribers == accepted": rows["subscribers"] == results["signups"]["accepted"],
        "comments accepted": results["comments"]["accepted"] > 0,
        "sign-ups accepted": results["signups"]["accepted"] > 0,
    }
    report = {"seconds": seconds, "results": results, "stored": rows, "checks": checks}
    (VAR / "loadtest.json").write_text(json.dumps(report, indent=2) + "\n")
    say(f"{'clients':<10}{'requests':>10}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}  statuses")
    for name, result in results.items():
        say(
            f"{name:<10}{result['requests']:>10,}{result['rps']:>9,.1f}"
            f"{result['p50_ms'] or 0:>9.2f}{result['p99_ms'] or 0:>9.2f}  "
            f"{result.get('statuses', {})}"
        )
    say(
        f"comments: {results['comments']['accepted']:,} accepted, {rows['comments']:,} stored; "
        f"sign-ups: {results['signups']['accepted']:,} accepted, {rows['subscribers']:,} stored"
    )
    for check, passed in checks.items():
        say(f"  {'pass' if passed else 'FAIL'}  {check}")
    say(f"Written to {VAR / 'loadtest.json'}")
    return report


if __name__ == "__main__":
    sys.exit(0 if all(main()["checks"].values()) else 1)
