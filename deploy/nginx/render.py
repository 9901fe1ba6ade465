"""Write deploy/nginx/newsroom.conf.template out with this deployment's values:

    python3 deploy/nginx/render.py > /etc/nginx/sites-enabled/newsroom.conf
    nginx -t && systemctl reload nginx

Standard library only (no Django), so that it runs wherever nginx does. It
reads the app's own environment, so that nginx and the app cannot disagree:

    SITE_URL                 the public address; its host is nginx's server_name
    BIND, PORT               where gunicorn listens (deploy/gunicorn.conf.py):
                             the first address, or a unix:/path socket
    NEWSROOM_VAR_DIR, STATIC_ROOT, MEDIA_ROOT
                             served at /static/ and /media/ (the app's defaults)
    MAX_IMAGE_UPLOAD_BYTES   the admin's body limit is twice this

and nginx's own:

    NGINX_LISTEN             address or port for plain HTTP (default 80)
    NGINX_CACHE_DIR          the page cache (default /var/cache/nginx-newsroom;
                             nginx creates it, not its parents)
    NGINX_TLS_CERTIFICATE, NGINX_TLS_CERTIFICATE_KEY
                             both set: also listen on 443 with TLS and HTTP/2
                             (plain HTTP then only reaches Django's redirect
                             to https, SECURE_SSL_REDIRECT)
"""

import os
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
BASE_DIR = HERE.parent.parent
TEMPLATE = HERE / "newsroom.conf.template"
PLACEHOLDER = re.compile(r"\$\{(NEWSROOM_[A-Z_]+)\}")


def env(name, default=""):
    return os.environ.get(name, "").strip() or default


def values() -> dict[str, str]:
    var_dir = Path(env("NEWSROOM_VAR_DIR", str(BASE_DIR / "var")))
    host = urlsplit(env("SITE_URL", "http://127.0.0.1:8000")).hostname or "localhost"
    bind = env("BIND", f"127.0.0.1:{env('PORT', '8000')}").split(",")[0].strip()
    upload_limit = int(env("MAX_IMAGE_UPLOAD_BYTES", str(20 * 1024 * 1024)))
    return {
        "NEWSROOM_SERVER_NAME": host,
        "NEWSROOM_UPSTREAM": bind,  # "host:port" and "unix:/path" are both nginx's syntax
        "NEWSROOM_STATIC_ROOT": _absolute(env("STATIC_ROOT", str(var_dir / "static"))),
        "NEWSROOM_MEDIA_ROOT": _absolute(env("MEDIA_ROOT", str(var_dir / "media"))),
        "NEWSROOM_CACHE_DIR": _absolute(env("NGINX_CACHE_DIR", "/var/cache/nginx-newsroom")),
        "NEWSROOM_ADMIN_MAX_BODY": str(2 * upload_limit),
        "NEWSROOM_LISTEN": _listen(),
    }


def _absolute(path: str) -> str:
    # nginx reads a relative path from its prefix, not from here.
    return str(Path(path).resolve()).rstrip("/")


def _listen() -> str:
    lines = [f"listen {env('NGINX_LISTEN', '80')};"]
    certificate, key = env("NGINX_TLS_CERTIFICATE"), env("NGINX_TLS_CERTIFICATE_KEY")
    if bool(certificate) != bool(key):
        raise SystemExit(
            "Set both NGINX_TLS_CERTIFICATE and NGINX_TLS_CERTIFICATE_KEY, or neither."
        )
    if certificate:
        lines += [
            "listen 443 ssl http2;",
            f"ssl_certificate {_absolute(certificate)};",
            f"ssl_certificate_key {_absolute(key)};",
        ]
    return "".join(f"    {line}\n" for line in lines).rstrip("\n")


def render(template: str, given: dict[str, str]) -> str:
    def fill(match):
        try:
            return given[match.group(1)]
        except KeyError:
            raise SystemExit(f"{TEMPLATE.name}: no value for ${{{match.group(1)}}}") from None

    return PLACEHOLDER.sub(fill, template)


def main() -> None:
    sys.stdout.write(render(TEMPLATE.read_text(), values()))


if __name__ == "__main__":
    main()
