"""The ceiling of `make bench`: a bare WSGI callable that answers every request
with the article page as the site sent it (its compressed bytes and headers,
captured by bench/run.py into BENCH_CEILING_PAGE), served by gunicorn with the
site's own configuration. No Python web server can answer faster with the same
bytes, so every scenario is reported as a ratio to it."""

import json
import os
from pathlib import Path

_captured = json.loads(Path(os.environ["BENCH_CEILING_PAGE"]).read_text())
BODY = bytes.fromhex(_captured["body_hex"])
HEADERS = [(name, value) for name, value in _captured["headers"]] + [
    ("Content-Length", str(len(BODY)))
]


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
