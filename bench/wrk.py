"""Driving wrk (Debian's package) with bench/load.lua, and reading its answer."""

import json
import subprocess

from bench.common import BENCH


def wrk_command(
    url, seconds, connections, headers, *, mode="get", args=(), threads=None
) -> list[str]:
    command = [
        "wrk",
        f"--threads={threads or min(2, connections)}",
        f"--connections={connections}",
        f"--duration={seconds}s",
        # wrk leaves slower answers out of its latencies: none may be lost.
        "--timeout=60s",
        "--latency",
        f"--script={BENCH / 'load.lua'}",
    ]
    for header in headers:
        command += ["--header", header]
    return [*command, url, "--", mode, *args]


def start_wrk(url, seconds, connections, headers, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 (wrk, with our arguments)
        wrk_command(url, seconds, connections, headers, **kwargs),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish_wrk(process: subprocess.Popen, seconds: int) -> dict:
    out, err = process.communicate(timeout=seconds + 90)
    line = next((row for row in out.splitlines() if row.startswith("BENCH_JSON ")), None)
    if process.returncode != 0 or line is None:
        raise SystemExit(f"wrk failed ({process.args}):\n{out}{err}")
    raw = json.loads(line.removeprefix("BENCH_JSON "))
    answered = raw["requests"] > 0  # a page slower than the run has no latencies
    result = {
        "rps": round(raw["requests"] / (raw["duration_us"] / 1e6), 1),
        "p50_ms": round(raw["p50_us"] / 1000, 2) if answered else None,
        "p99_ms": round(raw["p99_us"] / 1000, 2) if answered else None,
        "requests": raw["requests"],
        "socket_errors": raw["socket_errors"],
        "http_errors": raw["http_errors"],
        "sent": raw.get("sent", 0),
    }
    if raw["statuses"]:
        result["statuses"] = raw["statuses"]
    return result


def wrk(url, seconds, connections, headers, **kwargs) -> dict:
    return finish_wrk(start_wrk(url, seconds, connections, headers, **kwargs), seconds)


def with_outcome(result: dict) -> dict:
    """Posts answered with a redirect (the comment page, "check your inbox")
    were accepted; anything else (400, 403, 429, 5xx) refused them."""
    statuses = result.get("statuses", {})
    accepted = sum(count for status, count in statuses.items() if status in ("302", "303"))
    return {**result, "accepted": accepted, "rejected": result["requests"] - accepted}
