"""A WSGI app that answers with the database OPTIONS its settings produce:
tests/newsroom/test_gunicorn.py serves it with deploy/gunicorn.conf.py to see
what a web worker, and only a web worker, is given."""

import json
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.production")

from django.conf import settings


def application(environ, start_response):
    body = json.dumps(settings.DATABASES["default"].get("OPTIONS", {})).encode()
    start_response("200 OK", [("Content-Type", "application/json")])
    return [body]
