"""What `make run` prints: each log line once."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import logging
import django
django.setup()
logging.getLogger("django.request").warning("Not Found: /no/such/page/")
logging.getLogger("django.server").info('"GET / HTTP/1.1" 200 512')
logging.getLogger("newsroom").info("an application line")
print([type(h).__name__ for h in logging.getLogger("django").handlers])
"""


def test_development_settings_print_every_log_line_once():
    """Issue 11: Django's "django" logger printed through its own console
    handler under DEBUG and again through the root's."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev", "LOG_LEVEL": "INFO"}
    done = subprocess.run(  # noqa: S603 (our own interpreter, a fixed script)
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("Not Found: /no/such/page/") == 1, done.stderr
    assert done.stderr.count("an application line") == 1, done.stderr
    server_lines = [line for line in done.stderr.splitlines() if "GET / HTTP/1.1" in line]
    assert len(server_lines) == 1 and server_lines[0].startswith("["), done.stderr
    # Errors still reach the ADMINS by mail (when DEBUG is off).
    assert done.stdout.strip() == "['AdminEmailHandler']"
