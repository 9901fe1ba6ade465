"""What a `make bench` run reports: the machine, issue 9's targets, the
comparison with the run on the other size, and the table."""

import json
import os
import platform
import subprocess
from pathlib import Path

from bench.common import ROOT, VAR, say

# Issue 9's targets, as ratios to the ceiling or absolute bounds.
TARGETS = {
    "home": ("ratio_to_ceiling", ">=", 0.5),
    "article_cached": ("ratio_to_ceiling", ">=", 0.5),
    "article_uncached": ("ratio_to_ceiling", ">=", 0.05),
    "flood": ("p99_ms", "<", 100),
}
RSS_TARGET_MB = 60


def machine(data: dict, workers: dict[str, list[float]]) -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kib = int(Path("/proc/meminfo").read_text().split()[1])
    wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout  # noqa: S607
    return {
        "cpu": cpu,
        "cpus": len(os.sched_getaffinity(0)),
        "memory_gb": round(memory_kib / 1024**2, 1),
        "os": platform.platform(terse=True),
        "python": platform.python_version(),
        "database": data["database"],
        "gunicorn_workers": len(workers["site"]),
        "wrk": wrk_version.split(" [")[0].strip(),
    }


def targets(report: dict) -> dict[str, dict]:
    scenarios, checked = report["scenarios"], {}
    for name, (measure, relation, bound) in TARGETS.items():
        value = scenarios[name][measure]
        # A scenario that got no answer in its time misses whatever its target.
        if scenarios[name]["requests"] == 0:
            passed = False
        else:
            passed = value >= bound if relation == ">=" else value < bound
        checked[name] = {"measure": measure, "target": f"{relation} {bound}", "value": value}
        checked[name]["pass"] = passed
    site_rss = max(report["worker_rss_mb"]["site"], default=0)
    checked["worker_rss"] = {
        "measure": "max_mb",
        "target": f"< {RSS_TARGET_MB}",
        "value": site_rss,
        "pass": site_rss < RSS_TARGET_MB,
    }
    return checked


def commit() -> str:
    """The code measured: its commit, "+" if the work tree has changes."""
    described = subprocess.run(
        ["git", "describe", "--always", "--dirty=+"],  # noqa: S607 (git from PATH)
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return described.stdout.strip()


def kind_of(report: dict) -> str:
    """sqlite or postgresql."""
    return report["machine"]["database"].split()[0].lower()


def compare_sizes(report: dict) -> dict | None:
    """Issue 9: every figure within 20% between 1,000 and 100,000 articles. The
    ratios to the ceiling, against the last run on the most different size
    (var/bench/<database>-<N>.json) with the same code and kind of database."""
    this = report["generated_articles"]
    others = []
    for path in VAR.glob(f"{kind_of(report)}-*.json"):
        other = json.loads(path.read_text())
        if other["generated_articles"] != this and other.get("commit") == report["commit"]:
            others.append(other)
    if not others:
        return None
    other = max(others, key=lambda run: abs(run["generated_articles"] - this))
    changes = {}
    for name, result in report["scenarios"].items():
        before = other["scenarios"].get(name, {}).get("ratio_to_ceiling")
        if before:
            change = result["ratio_to_ceiling"] / before - 1
            changes[name] = {"change": round(change, 3), "pass": abs(change) <= 0.2}
    return {"articles": other["generated_articles"], "date": other["date"], "scenarios": changes}


def print_table(report: dict) -> None:
    machine, options = report["machine"], report["options"]
    say("")
    say(
        f"make bench: {report['archive_articles']:,} published articles "
        f"({options['articles']:,} generated), {machine['database']}, "
        f"gunicorn {machine['gunicorn_workers']} workers, {machine['cpus']} CPUs "
        f"({machine['cpu']}); {options['seconds']} s per scenario after "
        f"{options['warmup']} s warm-up, {options['connections']} connections"
    )
    other = report["other_size"]
    versus = f"vs {other['articles']:,}" if other else ""
    say(
        f"{'scenario':<20}{'req/s':>11}{'p50 ms':>9}{'p99 ms':>9}{'ceiling':>9}"
        f"{versus:>14}{'cache':>7}  target"
    )
    checked = report["targets"]
    for name, result in report["scenarios"].items():
        target = change = ""
        if name in checked:
            mark = "pass" if checked[name]["pass"] else "MISS"
            target = f"{checked[name]['measure'].split('_')[0]} {checked[name]['target']}: {mark}"
        if other and name in other["scenarios"]:
            compared = other["scenarios"][name]
            change = f"{compared['change']:+.0%} {'pass' if compared['pass'] else 'MISS'}"
        p50 = "" if result["p50_ms"] is None else f"{result['p50_ms']:.2f}"
        p99 = "" if result["p99_ms"] is None else f"{result['p99_ms']:.2f}"
        say(
            f"{name:<20}{result['rps']:>11,.1f}{p50:>9}{p99:>9}"
            f"{result['ratio_to_ceiling']:>9.3f}{change:>14}"
            f"{result.get('x_page_cache') or '':>7}  {target}"
        )
    for name in ("comment_post", "newsletter_signup", "flood"):
        result = report["scenarios"][name]
        say(f"{name}: {result['accepted']:,} posts accepted, {result['rejected']:,} refused")
    rss = checked["worker_rss"]
    say(
        f"worker RSS MB: {report['worker_rss_mb']}; site max {rss['value']} "
        f"(< {RSS_TARGET_MB}: {'pass' if rss['pass'] else 'MISS'})"
    )
    page = report["article_page"]
    say(
        f"article page: {page['bytes']:,} bytes, {page['gzip_bytes'] or 0:,} gzipped, "
        f"{page['browser_bytes']:,} as {page['browser_encoding']} to a browser; "
        f"X-Page-Cache: {page['x_page_cache']}"
    )
    say(f"Written to {VAR / 'latest.json'}")
