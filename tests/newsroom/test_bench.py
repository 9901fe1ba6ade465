"""`make bench` (bench/run.py) works: a tiny run (a few articles, one second
per scenario) starts the site and the ceiling under gunicorn, loads them with
wrk and writes latest.json with every scenario measured. It measures nothing
worth keeping: timings are the benchmark's business, never a test's."""

import json
import os
import shutil
import socket
import subprocess
import sys

import pytest
from django.conf import settings

SCENARIOS = {
    "ceiling_static",
    "home",
    "article_cached",
    "article_uncached",
    "section_deep_page",
    "search",
    "comment_post",
    "newsletter_signup",
    "newsletter_render",
    "flood",
}


def missing_program() -> str | None:
    if not shutil.which("wrk"):
        return "needs wrk (apt-get install wrk)"
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return "needs Redis at 127.0.0.1:6379"
    return None


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory):
    """One tiny run for all the tests here (it takes about a minute)."""
    tmp_path = tmp_path_factory.mktemp("bench")
    reason = missing_program()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"In CI the benchmark must run: it {reason}")
        pytest.skip(reason)
    env = {
        **{name: value for name, value in os.environ.items() if name != "DATABASE_URL"},
        "BENCH_DIR": str(tmp_path),
        "BENCH_ARTICLES": "20",
        "BENCH_SECONDS": "1",
        "BENCH_WARMUP": "1",
        "BENCH_CONNECTIONS": "4",
        "BENCH_FLOOD_CONNECTIONS": "4",
        "BENCH_REDIS_URL": "redis://127.0.0.1:6379/13",
        "WEB_CONCURRENCY": "2",
    }
    result = subprocess.run(
        [sys.executable, "-m", "bench.run"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads((tmp_path / "latest.json").read_text()), result.stdout


def test_the_benchmark_measures_every_scenario_against_the_ceiling(tiny_run):
    report, printed = tiny_run
    assert report["archive_articles"] >= 20
    assert {"cpu", "cpus", "database"} <= set(report["machine"])
    assert set(report["scenarios"]) == SCENARIOS
    for name, result in report["scenarios"].items():
        assert result["rps"] > 0, name
        assert set(result) >= {"rps", "p50_ms", "p99_ms", "ratio_to_ceiling"}, name
        assert result["ratio_to_ceiling"] == pytest.approx(
            result["rps"] / report["scenarios"]["ceiling_static"]["rps"], rel=0.01, abs=1e-5
        )
    assert report["scenarios"]["ceiling_static"]["ratio_to_ceiling"] == 1
    for name in SCENARIOS - {"newsletter_render"}:
        assert report["scenarios"][name]["p50_ms"] > 0, name
    assert set(report["targets"]) == {
        "home",
        "article_cached",
        "article_uncached",
        "flood",
        "worker_rss",
    }
    assert "article_uncached" in printed and "ratio >= 0.05" in printed


def test_the_posts_are_valid_forms_from_many_readers(tiny_run):
    """Every comment and sign-up is accepted (a redirect): the load measures the
    work of a post, not of a refusal, nor a rate limit counting one address."""
    scenarios = tiny_run[0]["scenarios"]
    for name in ("comment_post", "newsletter_signup", "flood"):
        assert scenarios[name]["accepted"] > 0, name
        assert scenarios[name]["rejected"] == 0, name


def test_it_reports_worker_memory_and_the_compressed_article(tiny_run):
    report = tiny_run[0]
    assert len(report["worker_rss_mb"]["site"]) == 2
    assert all(size > 0 for size in report["worker_rss_mb"]["site"])
    page = report["article_page"]
    assert 0 < page["gzip_bytes"] < page["bytes"]
