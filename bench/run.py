"""`make bench`: the site served the production way, measured over HTTP by wrk.

Issue 9's benchmark. It builds its own data set (the demo plus `manage.py
generate_load_data`, in a database of its own: bench/data.py), starts
gunicorn with deploy/gunicorn.conf.py and the production settings, drives it
with wrk from a separate process (bench/load.lua) and measures each scenario
against a ceiling from the same run: a bare WSGI callable under the same
gunicorn configuration returning the article page's bytes (bench/ceiling.py).
It writes var/bench/latest.json and prints a table with issue 9's targets.

Set in the environment (defaults in brackets):
    BENCH_ARTICLES           generated articles [1000]; 100000 for the large run
    BENCH_SECONDS            measured seconds per scenario [5]
    BENCH_WARMUP             unmeasured seconds before each scenario [2]
    BENCH_CONNECTIONS        wrk's connections, i.e. readers at once [8]
    BENCH_FLOOD_CONNECTIONS  connections posting comments and sign-ups in the flood [30]
    DATABASE_URL             a PostgreSQL server: the data goes in <its name>_bench
                             (<name>_bench_<N> for another size than 1000);
                             unset, SQLite in var/bench/
    BENCH_DATABASE_URL       the benchmark's database itself, instead
    BENCH_DIR                where the data, logs and results go [var/bench]
    BENCH_REDIS_URL          the cache [redis://127.0.0.1:6379/14]: emptied at each
                             run, so give the benchmark a Redis database of its own
    WEB_CONCURRENCY, PAGE_CACHE_SECONDS and gunicorn's other variables reach the
    site as they would in production.
"""

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

from bench.common import ROOT, VAR, say
from bench.report import commit, compare_sizes, kind_of, machine, print_table, targets
from bench.wrk import finish_wrk, start_wrk, with_outcome, wrk

GUNICORN_CONFIG = ROOT / "deploy" / "gunicorn.conf.py"
DEFAULT_ARTICLES = 1000
WRONG_SIZE = 3  # bench/data.py's exit status for a database of another size

# What a current browser asks for: the ceiling serves the bytes the site
# answered to it, so both are measured with the same encoding.
BROWSER = ["Accept-Encoding: gzip, deflate, br, zstd", "Accept: text/html"]


@dataclass(frozen=True)
class Options:
    articles: int
    seconds: int
    warmup: int
    connections: int
    flood_connections: int

    @classmethod
    def from_env(cls):
        def number(name, default):
            raw = os.environ.get(name, "").strip() or str(default)
            if not raw.isdecimal():
                raise SystemExit(f"{name} must be a whole number, got {raw!r}")
            return int(raw)

        return cls(
            articles=number("BENCH_ARTICLES", DEFAULT_ARTICLES),
            seconds=max(1, number("BENCH_SECONDS", 5)),
            warmup=number("BENCH_WARMUP", 2),
            connections=max(1, number("BENCH_CONNECTIONS", 8)),
            flood_connections=max(2, number("BENCH_FLOOD_CONNECTIONS", 30)),
        )


def main() -> dict:
    options = Options.from_env()
    if not shutil.which("wrk"):
        raise SystemExit("make bench needs wrk (Debian: apt-get install wrk)")
    VAR.mkdir(parents=True, exist_ok=True)
    site_port, nocache_port, ceiling_port = free_ports(3)
    env = production_env(options, site_port)
    data = prepare_data(env, options)
    manage(env, "collectstatic", "--noinput", "-v0")
    say(f"Data: {data['archive_articles']:,} published articles on {data['database']}.")

    with ExitStack() as servers:
        site = servers.enter_context(Server("site", "newsroom.wsgi", env, site_port))
        # The same site with the app's page cache off: what rendering costs.
        nocache = servers.enter_context(
            Server("nocache", "newsroom.wsgi", {**env, "PAGE_CACHE_SECONDS": "0"}, nocache_port)
        )
        article = capture(site.url + data["article_url"], VAR / "ceiling-page.json")
        ceiling = servers.enter_context(
            Server(
                "ceiling",
                "bench.ceiling:application",
                {**env, "BENCH_CEILING_PAGE": str(VAR / "ceiling-page.json")},
                ceiling_port,
                probe="/",
            )
        )
        bench = Bench(options)
        ceiling_url = ceiling.url + data["article_url"]
        bench.get("ceiling_static", ceiling_url)
        bench.get("home", site.url + "/")
        bench.get("article_cached", site.url + data["article_url"])
        bench.get("article_uncached", nocache.url + data["article_url"])
        bench.get("section_deep_page", nocache.url + data["section_deep_page_url"])
        bench.get("search", nocache.url + data["search_url"])
        bench.get("ceiling_static", ceiling_url)
        post = [str(data["article_id"]), site.url]
        bench.post("comment_post", site.url, "comment", post)
        bench.post("newsletter_signup", site.url, "signup", post)
        bench.flood(site.url + data["article_url"], site.url, post)
        bench.get("ceiling_static", ceiling_url)
        workers = {server.name: server.worker_rss_mb() for server in (site, nocache, ceiling)}
    bench.scenarios["newsletter_render"] = newsletter_render(env, options)

    report = {
        "machine": machine(data, workers),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": commit(),
        "archive_articles": data["archive_articles"],
        "generated_articles": options.articles,
        "options": options.__dict__,
        "scenarios": bench.with_ratios(),
        "worker_rss_mb": workers,
        "article_page": article,
    }
    report["targets"] = targets(report)
    report["other_size"] = compare_sizes(report)
    written = json.dumps(report, indent=2) + "\n"
    (VAR / "latest.json").write_text(written)
    # One file per database and size, for the comparison between 1,000 and 100,000 articles.
    (VAR / f"{kind_of(report)}-{options.articles}.json").write_text(written)
    print_table(report)
    return report


def free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    for probe in sockets:
        probe.bind(("127.0.0.1", 0))
    ports = [probe.getsockname()[1] for probe in sockets]
    for probe in sockets:
        probe.close()
    return ports


# -- The site, the production way ---------------------------------------------


def production_env(options: Options, port: int) -> dict[str, str]:
    """What newsroom/settings/production.py asks for, for a run on this machine."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"http://127.0.0.1:{port}",
        # Plain HTTP on the loopback: no proxy terminates TLS in front.
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_DEBUG": "false",
        # wrk stands for the proxy: X-Forwarded-For names a new reader per post.
        "TRUSTED_PROXY_COUNT": "1",
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"),
        "DATABASE_URL": bench_database_url(options),
        "NEWSROOM_VAR_DIR": str(VAR),
        "EMAIL_BACKEND": "locmem",
        "PYTHONPATH": str(ROOT),
        # Replacing each worker after a thousand requests (production's guard
        # against slow leaks) would restart every worker inside one short
        # scenario and measure the restarts; unless asked, none during a run.
        "GUNICORN_MAX_REQUESTS": os.environ.get("GUNICORN_MAX_REQUESTS", "0"),
    }


def bench_database_url(options: Options) -> str:
    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"]
    size = "" if options.articles == DEFAULT_ARTICLES else f"_{options.articles}"
    if os.environ.get("DATABASE_URL"):
        parts = urlsplit(os.environ["DATABASE_URL"])
        name = parts.path.lstrip("/")
        if not name.endswith("_bench"):
            name += "_bench"
        return urlunsplit(parts._replace(path=f"/{name}{size}"))
    return f"sqlite:///{VAR / f'db{size}.sqlite3'}"


def prepare_data(env: dict[str, str], options: Options) -> dict:
    """bench/data.py in the site's environment; once more on an empty database
    when the one there holds another number of articles."""
    url = env["DATABASE_URL"]
    for attempt in range(2):
        ensure_database(url, empty=attempt > 0)
        started = time.perf_counter()
        done = subprocess.run(  # noqa: S603 (our interpreter, our module)
            [sys.executable, "-m", "bench.data", str(options.articles)],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode == WRONG_SIZE and attempt == 0:
            say(f"{done.stdout.strip()} Building a new data set in it.")
            continue
        if done.returncode != 0:
            raise SystemExit(f"bench/data.py failed:\n{done.stdout}{done.stderr}")
        data = json.loads(done.stdout.strip().splitlines()[-1])
        say(f"Data ready in {time.perf_counter() - started:.0f} s.")
        return data
    raise AssertionError("unreachable")


def ensure_database(url: str, *, empty: bool) -> None:
    """The benchmark's database exists (and is empty if asked)."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        if empty:
            for suffix in ("", "-wal", "-shm"):
                Path(parts.path + suffix).unlink(missing_ok=True)
        return
    name = parts.path.lstrip("/")
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        if empty:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], env=env, cwd=ROOT, check=True)  # noqa: S603


class Server:
    """gunicorn with deploy/gunicorn.conf.py, its log in var/bench/<name>.log."""

    def __init__(self, name: str, app: str, env: dict[str, str], port: int, probe="/healthz"):
        self.name, self.app, self.env, self.probe = name, app, env, probe
        self.url = f"http://127.0.0.1:{port}"
        self.port = port

    def __enter__(self):
        self.log = (VAR / f"{self.name}.log").open("w")
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONFIG), self.app],
            env={**self.env, "BIND": f"127.0.0.1:{self.port}"},
            cwd=ROOT,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(self.url + self.probe, timeout=5) as response:  # noqa: S310
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        self.__exit__(None, None, None)
        log = (VAR / f"{self.name}.log").read_text()[-3000:]
        raise SystemExit(f"gunicorn ({self.name}) did not start:\n{log}")

    def __exit__(self, *exc):
        # TERM: gunicorn's graceful shutdown, its workers with it.
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()

    def workers(self) -> list[int]:
        """The worker processes: the gunicorn master's children."""
        pid = self.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children")
        return [int(child) for child in children.read_text().split()]

    def worker_rss_mb(self) -> list[float]:
        sizes = []
        for pid in self.workers():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except FileNotFoundError:  # replaced after max_requests just now
                continue
            kib = next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:"))
            sizes.append(round(int(kib) / 1024, 1))
        return sorted(sizes)


def fetch(url: str, headers: dict[str, str]):
    """(body, headers) of a GET; the URLs are our own servers' (http://127.0.0.1)."""
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            return response.read(), response.headers
    except urllib.error.HTTPError as error:
        raise SystemExit(f"{url} answered {error.code}") from None


def capture(url: str, path: Path) -> dict:
    """The article page as a browser gets it (the ceiling's bytes), its sizes,
    and the page cache's answer to a repeated request."""
    browser = dict(header.split(": ", 1) for header in BROWSER)
    fetch(url, browser)
    body, headers = fetch(url, browser)  # from the page cache, if any
    # gunicorn writes its own Date, Server and Connection; the ceiling is no
    # page cache, so it does not claim to be one.
    kept = [
        (name, value)
        for name, value in headers.items()
        if name.lower() not in ("content-length", "date", "server", "connection", "x-page-cache")
    ]
    path.write_text(json.dumps({"headers": kept, "body_hex": body.hex()}))
    plain, _ = fetch(url, {"Accept-Encoding": "identity"})
    gzipped, gzip_headers = fetch(url, {"Accept-Encoding": "gzip"})
    return {
        "bytes": len(plain),
        "gzip_bytes": len(gzipped) if gzip_headers.get("Content-Encoding") == "gzip" else None,
        "browser_encoding": headers.get("Content-Encoding", "identity"),
        "browser_bytes": len(body),
        "x_page_cache": headers.get("X-Page-Cache"),
    }


def page_cache_answer(url: str) -> str | None:
    """X-Page-Cache on a second request like the scenario's (hit, miss, bypass)."""
    headers = dict(header.split(": ", 1) for header in BROWSER)
    fetch(url, headers)
    return fetch(url, headers)[1].get("X-Page-Cache")


# -- The load ------------------------------------------------------------------


class Bench:
    def __init__(self, options: Options):
        self.options = options
        self.scenarios: dict[str, dict] = {}
        self.ceiling_runs: list[dict] = []

    def get(self, name: str, url: str) -> None:
        cache = page_cache_answer(url)
        self.warm(url, headers=BROWSER)
        result = wrk(url, self.options.seconds, self.options.connections, BROWSER)
        self.record(name, {**result, "url": urlsplit(url).path, "x_page_cache": cache})

    def post(self, name: str, site: str, mode: str, args: list[str]) -> None:
        """A form posted by ever new readers: accepted (a redirect) or refused."""
        self.warm(site, headers=BROWSER, mode=mode, args=args)
        result = wrk(
            site, self.options.seconds, self.options.connections, BROWSER, mode=mode, args=args
        )
        self.record(name, with_outcome(result))

    def flood(self, article_url: str, site: str, args: list[str]) -> None:
        """Readers of the article while comments and sign-ups pour in."""
        seconds = self.options.seconds
        posting = start_wrk(
            site, seconds + 2, self.options.flood_connections, BROWSER, mode="flood", args=args
        )
        try:
            time.sleep(1)  # the flood first, the readers in the middle of it
            readers = wrk(article_url, seconds, self.options.connections, BROWSER)
        finally:
            posts = finish_wrk(posting, seconds + 2)
        posts = with_outcome(posts)
        self.record(
            "flood",
            {
                **readers,
                "url": urlsplit(article_url).path,
                "x_page_cache": page_cache_answer(article_url),
                "posts_rps": posts["rps"],
                "posts_p99_ms": posts["p99_ms"],
                "accepted": posts["accepted"],
                "rejected": posts["rejected"],
            },
        )

    def warm(self, url: str, *, headers, mode="get", args=()) -> None:
        if self.options.warmup:
            wrk(url, self.options.warmup, self.options.connections, headers, mode=mode, args=args)

    def record(self, name: str, result: dict) -> None:
        if result["requests"]:
            say(f"  {name:<20} {result['rps']:>10,.1f} req/s  p50 {result['p50_ms']:>7.2f} ms")
        else:
            say(f"  {name:<20} no answer within {self.options.seconds} s")
        if name == "ceiling_static":
            # Measured at the start, in the middle and at the end: on a shared
            # machine the capacity moves, and the median of three is steadier
            # than one to divide every scenario by.
            runs = self.ceiling_runs = [*self.ceiling_runs, result]
            median = sorted(runs, key=lambda run: run["rps"])[(len(runs) - 1) // 2]
            result = {**median, "rps_runs": [run["rps"] for run in runs]}
        self.scenarios[name] = result

    def with_ratios(self) -> dict[str, dict]:
        ceiling = self.scenarios["ceiling_static"]["rps"]
        return {
            name: {**result, "ratio_to_ceiling": round(result["rps"] / ceiling, 6)}
            for name, result in self.scenarios.items()
        }


def newsletter_render(env: dict[str, str], options: Options) -> dict:
    """Messages of one issue built and handed to the (locmem) mail backend per
    second, by the delivery code the task worker runs: `manage.py
    bench_newsletter` (issue 9, "Newsletter at scale") where the tree has it,
    otherwise bench/newsletter.py, which sends for BENCH_SECONDS."""
    if (ROOT / "newsletter" / "management" / "commands" / "bench_newsletter.py").exists():
        # Its own list of readers, kept for the next run; --force: the benchmark's database.
        recipients = os.environ.get("BENCH_NEWSLETTER_SUBSCRIBERS", "1000")
        command = ["manage.py", "bench_newsletter", f"--subscribers={recipients}"]
        command += ["--keep-subscribers", "--force"]
    else:
        command = ["-m", "bench.newsletter", str(options.seconds)]
    done = subprocess.run(  # noqa: S603
        [sys.executable, *command],
        env={**env, "EMAIL_BACKEND": "locmem", "NEWSLETTER_SEND_RATE": "0"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"newsletter_render failed:\n{done.stdout}{done.stderr}")
    measured = json.loads(done.stdout.strip().splitlines()[-1])
    result = {"rps": measured["messages_per_s"], "p50_ms": None, "p99_ms": None, **measured}
    say(f"  {'newsletter_render':<20} {result['rps']:>10,.1f} messages/s")
    return result


if __name__ == "__main__":
    main()
