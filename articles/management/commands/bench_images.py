"""Measure the memory an image upload costs: the web request, then the task
worker (`manage.py bench_images`, issue 9).

The case is the one the issue reported: a single-colour PNG just under the
pixel limit (40 megapixels in about 130 KB), posted through the article admin.
Each phase runs in a fresh process against a throwaway SQLite database and
media folder, and reports its resident memory before, at peak (``ru_maxrss``)
and after. The picture is drawn in a separate process too: Linux carries a
parent's peak over into its children.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.test import Client

from articles import images
from articles.models import Article, Section

DRAW = (
    "import sys; from PIL import Image; "
    "Image.new('RGB', (int(sys.argv[1]), int(sys.argv[2])), (40, 90, 140)).save(sys.argv[3])"
)


def _rss_kib() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def _peak_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


class Command(BaseCommand):
    help = "Peak memory of an admin image upload: the web request, then the task worker."

    def add_arguments(self, parser):
        parser.add_argument("--width", type=int, default=7300)
        parser.add_argument("--height", type=int, default=5470)
        parser.add_argument("--phase", choices=["web", "worker"], help=argparse.SUPPRESS)

    def handle(self, *args, width, height, phase, **options):
        if phase:
            self.stdout.write(json.dumps(self._phase(phase)))
            return
        work = Path(tempfile.mkdtemp(prefix="newsroom-bench-images-"))
        png = work / "wall.png"
        # Our own interpreter and arguments only (S603).
        draw = [sys.executable, "-c", DRAW, str(width), str(height), png]
        subprocess.run(draw, check=True)  # noqa: S603
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev",
            "DJANGO_DEBUG": "1",  # the admin's static files without collectstatic
            "DATABASE_URL": f"sqlite:///{work}/db.sqlite3",
            "MEDIA_ROOT": str(work / "media"),
            "IMAGE_UPLOADS_ROOT": str(work / "uploads"),
            "BENCH_IMAGE": str(png),
        }
        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)  # noqa: S603
        self.stdout.write(
            f"{width} x {height} = {width * height / 1e6:.1f} megapixels, "
            f"PNG of {png.stat().st_size / 1024:.0f} KB"
        )
        self.stdout.write(f"{'phase':<8} {'RSS before':>11} {'peak':>9} {'after':>9}  MiB")
        for name in ("web", "worker"):
            out = subprocess.run(  # noqa: S603
                [*manage, "bench_images", "--phase", name],
                env=env,
                check=True,
                stdout=subprocess.PIPE,
                text=True,
            ).stdout
            result = json.loads(out.strip().splitlines()[-1])
            self.stdout.write(
                f"{name:<8} {result['before'] / 1024:>11.0f} {result['peak'] / 1024:>9.0f} "
                f"{result['after'] / 1024:>9.0f}  ({result['state']})"
            )

    def _phase(self, phase: str) -> dict:
        if phase == "web":
            user = get_user_model().objects.create_superuser("bench", "bench@example.org", "pw")
            section = Section.objects.create(name="Economy", slug="economy")
            client = Client(HTTP_HOST="127.0.0.1")
            client.force_login(user)
            client.get("/admin/articles/article/add/")  # imports and templates loaded first
            before = _rss_kib()
            data = {
                "headline": "A wall",
                "slug": "a-wall",
                "body": "<p>A wall.</p>",
                "section": section.pk,
                "priority": 0,
                "lead_image_alt": "A blue wall",
            }
            for prefix in ("bylines", "body_images", "corrections", "notes"):
                data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
            with open(os.environ["BENCH_IMAGE"], "rb") as upload:
                data["lead_image"] = upload
                response = client.post("/admin/articles/article/add/", data)
            if response.status_code != 302:
                errors = response.context["adminform"].form.errors if response.context else ""
                raise SystemExit(f"the upload was refused: {response.status_code} {errors}")
        else:
            before = _rss_kib()
            call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
        article = Article.objects.get(slug="a-wall")
        if images.is_incoming(article.lead_image.name):
            state = "stashed for the worker"
        elif article.picture and article.picture.jpeg_srcset:
            state = "published, renditions built"
        else:
            state = "no renditions"
        return {"before": before, "peak": _peak_kib(), "after": _rss_kib(), "state": state}
